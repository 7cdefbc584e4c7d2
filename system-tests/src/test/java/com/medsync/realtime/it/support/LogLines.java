package com.medsync.realtime.it.support;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * What one logger of an embedded node writes while this is open, at the levels the tests' logging configuration
 * lets through (WARN and above): for the warnings that are how the server speaks to plugin authors.
 */
public final class LogLines implements AutoCloseable {

    private final Logger logger;
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

    public LogLines(String loggerName) {
        logger = (Logger) LoggerFactory.getLogger(loggerName);
        lines.start();
        logger.addAppender(lines);
    }

    /** @return the lines so far, as formatted messages with their level first ({@code WARN Plugin ...}) */
    public List<String> lines() {
        // The appender adds under its own lock, from the node's threads.
        synchronized (lines) {
            return lines.list.stream().map(event -> event.getLevel() + " " + event.getFormattedMessage()).toList();
        }
    }

    @Override
    public void close() {
        logger.detachAppender(lines);
        lines.stop();
    }
}
