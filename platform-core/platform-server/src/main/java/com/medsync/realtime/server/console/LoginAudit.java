package com.medsync.realtime.server.console;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Console logins and logouts on the {@code medsync.audit} logger, in the admin API's format, and in the node's
 * {@link AuditHistory} ({@code GET /admin/audit}), so the audit shows who opened a session before the changes that
 * session made ({@code who=console:<operator>@<address>}).
 *
 * <p>Refused logins are the one entry anybody can make without the admin token, and in a cluster the history is
 * shared and keeps a bounded number of entries: many addresses guessing (the throttle counts each on its own)
 * could push the record of real changes out of it. So each node adds at most {@link #REFUSALS_SHOWN_PER_MINUTE}
 * refused logins a minute to the history; the rest are on the log only, and the next login entry says how many.
 */
final class LoginAudit {

    static final int REFUSALS_SHOWN_PER_MINUTE = 10;

    private static final Logger audit = LoggerFactory.getLogger("medsync.audit");
    private static final long MINUTE_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final AuditHistory trail;
    private final LongSupplier nanoClock;
    // All guarded by this.
    private long minuteStart;
    private int refusalsShown;
    private long refusalsLeftOut;

    /** @param nanoClock a monotonic clock in nanoseconds ({@code System::nanoTime}; tests move their own) */
    LoginAudit(AuditHistory trail, LongSupplier nanoClock) {
        this.trail = trail;
        this.nanoClock = nanoClock;
        this.minuteStart = nanoClock.getAsLong();
    }

    /** A login or logout, logged and in the history. */
    void record(String operator, String address, String action, String result) {
        audit.info("who=console:{}@{} action={} target=console result={}", operator, address, action, result);
        trail.record("console:" + operator, address, action, "console", result + leftOutNote());
    }

    /** A login refused, for {@code reason}; always logged, in the history within the minute's share. */
    void refused(String operator, String address, String reason) {
        String result = "refused: " + reason;
        if (shownThisMinute()) {
            record(operator, address, "console-login", result);
        } else {
            audit.info("who=console:{}@{} action=console-login target=console result={}", operator, address, result);
        }
    }

    private synchronized boolean shownThisMinute() {
        long now = nanoClock.getAsLong();
        if (now - minuteStart >= MINUTE_NANOS) {
            minuteStart = now;
            refusalsShown = 0;
        }
        if (refusalsShown < REFUSALS_SHOWN_PER_MINUTE) {
            refusalsShown++;
            return true;
        }
        refusalsLeftOut++;
        return false;
    }

    /** Says, once, how many refused logins before this entry are on the log only. */
    private synchronized String leftOutNote() {
        if (refusalsLeftOut == 0) {
            return "";
        }
        String note = " (after " + refusalsLeftOut + " refused login" + (refusalsLeftOut == 1 ? "" : "s")
                + " in the medsync.audit log only)";
        refusalsLeftOut = 0;
        return note;
    }
}
