package com.medsync.realtime.bench.load;

import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;

/**
 * The published {@code order:new} envelopes and how a receiver reads them back. The order id carries the
 * publish sequence number and the publisher's {@link System#nanoTime()} ({@code o_<seq>_<nanos>}): publisher
 * and receivers live in one process, so the receiver's own clock gives the publish-to-receive latency, and
 * the sequence number gives exact loss counting. The payload is otherwise the contract's.
 */
public final class OrderEvents {

    private static final byte[] MARKER = "\"id\":\"o_".getBytes(StandardCharsets.US_ASCII);

    private OrderEvents() {
    }

    /** @return the JSON body of {@code POST /api/v1/events} for publish {@code seq} to {@code pharmacyId} */
    public static String envelope(long seq, long sentNanos, String pharmacyId) {
        return "{\"event\":\"order:new\",\"data\":{\"id\":\"o_" + seq + "_" + sentNanos + "\","
                + "\"drugName\":\"Paracetamol 500mg\",\"quantity\":2,\"status\":\"PENDING\","
                + "\"patient\":{\"id\":\"pt_" + seq + "\",\"phone\":\"+2348000000000\"},"
                + "\"pharmacy\":{\"id\":\"" + pharmacyId + "\",\"name\":\"MedSync Pharmacy\"},"
                + "\"createdAt\":\"2024-12-20T10:30:00Z\"}}";
    }

    /** What a receiver reads from a delivered event. */
    public record Stamp(long seq, long sentNanos) {
    }

    /**
     * Reads the stamp from a Socket.IO EVENT frame without decoding the JSON (the receiver must keep up
     * with hundreds of thousands of frames a second on a shared core).
     *
     * @return the stamp, or null when the frame carries no benchmark order
     */
    public static Stamp read(ByteBuf frame) {
        int at = indexOfMarker(frame);
        if (at < 0) {
            return null;
        }
        int index = at + MARKER.length;
        long seq = 0;
        byte b;
        while ((b = frame.getByte(index++)) >= '0' && b <= '9') {
            seq = seq * 10 + (b - '0');
        }
        if (b != '_') {
            return null;
        }
        long nanos = 0;
        boolean negative = frame.getByte(index) == '-';
        if (negative) {
            index++;
        }
        while ((b = frame.getByte(index++)) >= '0' && b <= '9') {
            nanos = nanos * 10 + (b - '0');
        }
        return new Stamp(seq, negative ? -nanos : nanos);
    }

    /** @return the absolute index of the marker in the frame, or -1; it sits near the start of the frame */
    private static int indexOfMarker(ByteBuf frame) {
        int last = frame.writerIndex() - MARKER.length;
        outer:
        for (int i = frame.readerIndex(); i <= last; i++) {
            for (int j = 0; j < MARKER.length; j++) {
                if (frame.getByte(i + j) != MARKER[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
