package com.medsync.realtime.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

class LoginAuditTest {

    private final ManualClock clock = new ManualClock();
    private final AuditTrail trail = new AuditTrail("node-1");
    private final LoginAudit audit = new LoginAudit(trail, clock);

    /** Oldest first. */
    private List<String> results() {
        List<String> results = new ArrayList<>(trail.newestFirst(100).stream().map(AuditTrail.Entry::result).toList());
        Collections.reverse(results);
        return results;
    }

    @Test
    void refusedLoginsBeyondTheMinutesShareAreLeftOutAndTheNextEntrySaysHowMany() {
        for (int i = 0; i < LoginAudit.REFUSALS_SHOWN_PER_MINUTE + 5; i++) {
            audit.refused("mallory", "10.0.0." + i, "wrong admin token");
        }
        audit.record("alice", "10.1.0.1", "console-login", "ok");

        assertThat(results()).hasSize(LoginAudit.REFUSALS_SHOWN_PER_MINUTE + 1)
                .endsWith("ok (after 5 refused logins in the medsync.audit log only)");
        assertThat(results().subList(0, LoginAudit.REFUSALS_SHOWN_PER_MINUTE))
                .containsOnly("refused: wrong admin token");
    }

    @Test
    void aNewMinuteGivesRefusalsTheirShareAgainAndItsFirstOneCarriesTheCount() {
        for (int i = 0; i < LoginAudit.REFUSALS_SHOWN_PER_MINUTE + 1; i++) {
            audit.refused("mallory", "10.0.0.1", "wrong admin token");
        }
        clock.advance(Duration.ofMinutes(1));
        audit.refused("mallory", "10.0.0.1", "wrong admin token");
        audit.record("alice", "10.1.0.1", "console-login", "ok");

        assertThat(results()).hasSize(LoginAudit.REFUSALS_SHOWN_PER_MINUTE + 2).endsWith(
                "refused: wrong admin token (after 1 refused login in the medsync.audit log only)", "ok");
    }

    @Test
    void loginsAndLogoutsThatWentThroughAreAlwaysRecorded() {
        for (int i = 0; i < 3 * LoginAudit.REFUSALS_SHOWN_PER_MINUTE; i++) {
            audit.record("alice", "10.1.0.1", i % 2 == 0 ? "console-login" : "console-logout", "ok");
        }

        assertThat(results()).hasSize(3 * LoginAudit.REFUSALS_SHOWN_PER_MINUTE).containsOnly("ok");
    }
}
