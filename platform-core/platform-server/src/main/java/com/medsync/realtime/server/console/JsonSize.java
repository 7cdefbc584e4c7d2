package com.medsync.realtime.server.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;

import java.io.IOException;
import java.io.OutputStream;

/** How many bytes a JSON value takes as UTF-8, counted as Jackson writes it, without keeping the bytes. */
final class JsonSize {

    private final ObjectWriter writer;

    JsonSize(ObjectWriter writer) {
        this.writer = writer;
    }

    /** @return the size, or -1 when the value cannot be written (it was accepted, so this does not happen) */
    int of(JsonNode value) {
        Counter counter = new Counter();
        try {
            writer.writeValue(counter, value);
        } catch (IOException e) {
            return -1;
        }
        return (int) Math.min(Integer.MAX_VALUE, counter.bytes);
    }

    private static final class Counter extends OutputStream {

        private long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }
    }
}
