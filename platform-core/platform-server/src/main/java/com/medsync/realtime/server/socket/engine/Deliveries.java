package com.medsync.realtime.server.socket.engine;

import com.medsync.realtime.server.event.EncodedPacket;

import java.util.Arrays;

/**
 * Deliveries in the order they are to be written: recipients and their packets, side by side in two arrays, which
 * are kept for reuse when the list is cleared. Filled by a batch ({@link WriteBatch}), gathered and sent by an event
 * loop's drain ({@link LoopDrain}). Not thread safe.
 */
final class Deliveries {

    /**
     * The most deliveries a list may have held and still keep its arrays when cleared. A larger one (a backlog
     * drained at once) lets them go, so one burst does not keep its memory for the life of the server.
     */
    static final int REUSED_UP_TO = 4096;
    private static final int INITIAL = 64;

    private Object[] recipients = new Object[INITIAL];
    private EncodedPacket[] packets = new EncodedPacket[INITIAL];
    private int count;

    void add(Object recipient, EncodedPacket packet) {
        ensureRoom(1);
        recipients[count] = recipient;
        packets[count] = packet;
        count++;
    }

    /** Appends {@code more}'s deliveries, in their order. */
    void addAll(Deliveries more) {
        ensureRoom(more.count);
        System.arraycopy(more.recipients, 0, recipients, count, more.count);
        System.arraycopy(more.packets, 0, packets, count, more.count);
        count += more.count;
    }

    int count() {
        return count;
    }

    Object recipient(int index) {
        return recipients[index];
    }

    EncodedPacket packet(int index) {
        return packets[index];
    }

    /** Empties the list, letting go of what it held, so a list waiting for reuse holds no connection. */
    void clear() {
        if (recipients.length > REUSED_UP_TO) {
            recipients = new Object[INITIAL];
            packets = new EncodedPacket[INITIAL];
        } else {
            Arrays.fill(recipients, 0, count, null);
            Arrays.fill(packets, 0, count, null);
        }
        count = 0;
    }

    private void ensureRoom(int more) {
        if (count + more > recipients.length) {
            int size = Math.max(recipients.length * 2, count + more);
            recipients = Arrays.copyOf(recipients, size);
            packets = Arrays.copyOf(packets, size);
        }
    }
}
