package com.medsync.realtime.it.support;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;

/**
 * The lines an embedded node writes to its {@code medsync.audit} logger while this is open: what an operator's
 * audit store would receive ({@code who=<operator>@<address> action=... target=... result=...}).
 */
public final class AuditTrail implements AutoCloseable {

    private final Logger logger = (Logger) LoggerFactory.getLogger("medsync.audit");
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private final Level levelBefore = logger.getLevel();
    private final boolean additiveBefore = logger.isAdditive();

    /** Captures the audit lines (INFO, which the tests' logging configuration otherwise drops) and only here. */
    public AuditTrail() {
        lines.start();
        logger.addAppender(lines);
        logger.setLevel(Level.INFO);
        logger.setAdditive(false);
    }

    /** Every line so far. */
    public List<String> lines() {
        synchronized (lines) {
            return lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        }
    }

    /** Waits until a line equal to {@code line} was written (audit lines follow the answer by a moment). */
    public void await(String line) {
        Await.until(() -> "audit line '" + line + "'; written: " + lines(), Duration.ofSeconds(5),
                () -> lines().contains(line));
    }

    @Override
    public void close() {
        logger.detachAppender(lines);
        logger.setLevel(levelBefore);
        logger.setAdditive(additiveBefore);
    }
}
