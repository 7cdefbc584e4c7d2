package com.medsync.realtime.it.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/** The last lines a driver process wrote to stderr, kept for the diagnosis of a failed test. */
final class OutputTail {

    private static final int LINES = 40;

    private final String title;
    private final Deque<String> lines = new ArrayDeque<>();

    /** @param title how the tail is introduced in a failure, such as {@code driver stderr} */
    OutputTail(String title) {
        this.title = title;
    }

    /** Reads the stream to its end on a daemon thread named {@code threadName}. */
    void follow(InputStream stream, String threadName) {
        Thread thread = new Thread(() -> pump(stream), threadName);
        thread.setDaemon(true);
        thread.start();
    }

    private void pump(InputStream stream) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                synchronized (lines) {
                    lines.addLast(line);
                    if (lines.size() > LINES) {
                        lines.removeFirst();
                    }
                }
            }
        } catch (IOException e) {
            // The process is gone; whatever it printed before is already in the tail.
        }
    }

    /** @return {@code "  <title> (tail):"} and the lines, indented; empty when nothing was written */
    String describe() {
        synchronized (lines) {
            return lines.isEmpty() ? "" : "  " + title + " (tail):\n    " + String.join("\n    ", lines);
        }
    }
}
