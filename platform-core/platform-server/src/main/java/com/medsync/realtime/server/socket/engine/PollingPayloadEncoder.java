package com.medsync.realtime.server.socket.engine;

import com.corundumstudio.socketio.Configuration;
import com.corundumstudio.socketio.protocol.Packet;
import com.corundumstudio.socketio.protocol.PacketEncoder;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

import java.io.IOException;
import java.util.AbstractQueue;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Queue;

/**
 * netty-socketio's encoder of polling payloads, without its loss at the payload's limit. A poll is answered with
 * at most 50 of the session's queued packets; netty-socketio's loop takes a packet off the queue and only then
 * checks whether the payload is full, so the 51st packet was taken and never written: a polling client sent a
 * burst of more than 50 events lost one event per full payload (2.0.14, unchanged upstream). Here the encoder reads
 * the session's queue through a view that ends at the limit, so what does not fit stays queued for the next poll.
 */
final class PollingPayloadEncoder extends PacketEncoder {

    PollingPayloadEncoder(Configuration configuration) {
        super(configuration, configuration.getJsonSupport());
    }

    @Override
    public void encodePackets(Queue<Packet> packets, ByteBuf buffer, ByteBufAllocator allocator, int limit)
            throws IOException {
        super.encodePackets(new FirstPackets(packets, limit), buffer, allocator, limit);
    }

    @Override
    public void encodeJsonP(Integer jsonpIndex, Queue<Packet> packets, ByteBuf out, ByteBufAllocator allocator,
            int limit) throws IOException {
        super.encodeJsonP(jsonpIndex, new FirstPackets(packets, limit), out, allocator, limit);
    }

    /** The first {@code limit} packets of a queue, taken off it one by one; the rest of the queue is left alone. */
    static final class FirstPackets extends AbstractQueue<Packet> {

        private final Queue<Packet> queue;
        private int left;

        FirstPackets(Queue<Packet> queue, int limit) {
            this.queue = queue;
            this.left = limit;
        }

        @Override
        public Packet poll() {
            if (left <= 0) {
                return null;
            }
            Packet packet = queue.poll();
            if (packet != null) {
                left--;
            }
            return packet;
        }

        @Override
        public Packet peek() {
            return left <= 0 ? null : queue.peek();
        }

        /** A view to take packets from: the session's queue is added to by the session alone. */
        @Override
        public boolean offer(Packet packet) {
            throw new UnsupportedOperationException("packets are queued on the session, not on a payload's view");
        }

        @Override
        public int size() {
            return Math.min(left, queue.size());
        }

        @Override
        public Iterator<Packet> iterator() {
            Iterator<Packet> all = queue.iterator();
            return new Iterator<>() {
                private int seen;

                @Override
                public boolean hasNext() {
                    return seen < left && all.hasNext();
                }

                @Override
                public Packet next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    seen++;
                    return all.next();
                }
            };
        }
    }
}
