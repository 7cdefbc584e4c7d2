package com.medsync.realtime.server.delivery;

import com.medsync.realtime.server.event.EncodedPacket;
import com.medsync.realtime.server.event.JsonBytes;
import com.medsync.realtime.server.socket.NamespaceRegistry;
import com.medsync.realtime.server.socket.ServedNamespace;
import com.medsync.realtime.server.socket.SocketSession;
import com.medsync.realtime.server.socket.engine.LoopDrains;
import com.medsync.realtime.server.socket.engine.WriteBatch;
import com.medsync.realtime.spi.event.EventTranslator.Emission;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntConsumer;
import java.util.function.LongConsumer;
import com.medsync.realtime.server.event.OutboundEvent;
import com.medsync.realtime.server.event.SequencedEvent;

/**
 * Routes an event to this node's sockets: on every served namespace, the union of the members of its
 * rooms, so a socket in several target rooms gets the event once; each namespace sends its own
 * translation of the event, and each emission is built once for all its recipients.
 *
 * <p>With connection state recovery on, every emission carries the event's offset as its last argument
 * (the legacy translation's aliases of one event all carry the same one), and this class knows, per socket,
 * from which offset a replay must start: the offset before the first event it sent to the socket, or, when
 * it sent none, the last offset it delivered. Deliveries run one at a time, in the broker's offset order.
 *
 * <p>The WebSocket writes of one delivery are handed to each event loop as one drain ({@link WriteBatch}), joining the
 * drain already waiting on that loop if there is one ({@link LoopDrains}).
 */
public final class LocalDelivery {

    private static final Logger log = LoggerFactory.getLogger(LocalDelivery.class);

    private final NamespaceRegistry namespaces;
    private final IntConsumer deliveredCounter;
    private final boolean offsets;
    // All guarded by this.
    /** The WebSocket writes of the delivery under way; one at a time, so one batch, reused. */
    private final WriteBatch writes;
    private final Map<SocketSession, CatchUp> holds = new HashMap<>();
    private final ResumePositions<SocketSession> positions =
            new ResumePositions<>(SocketSession::beforeFirstSent, SocketSession::beforeFirstSent);

    /**
     * @param deliveredCounter told how many socket deliveries each event made (for metrics)
     * @param offsets          whether events carry their offset (connection state recovery on)
     */
    public LocalDelivery(NamespaceRegistry namespaces, IntConsumer deliveredCounter, boolean offsets) {
        this(namespaces, deliveredCounter, nanos -> { }, offsets);
    }

    /**
     * @param writtenAfter told, per event and connection thread, how long after its hand-over the thread wrote it
     *                     to its WebSocket recipients (for metrics)
     */
    public LocalDelivery(NamespaceRegistry namespaces, IntConsumer deliveredCounter, LongConsumer writtenAfter,
            boolean offsets) {
        this.namespaces = namespaces;
        this.deliveredCounter = deliveredCounter;
        this.writes = new LoopDrains(writtenAfter).batch();
        this.offsets = offsets;
    }

    /**
     * Where this node's deliveries start in the broker's log when they start in the middle of one (a shared
     * log that already holds events): the offset the broker's consumer reads after. Call before the first
     * delivery; it lets a socket whose very first event is this node's first delivery still be recovered.
     */
    public synchronized void startsAfter(String offset) {
        positions.startsAfter(offset);
    }

    /** Delivers one event; a failure (a translation that throws) is thrown once what was queued went out. */
    public synchronized void deliver(SequencedEvent sequenced) {
        try {
            queue(sequenced);
        } finally {
            writes.flush();
        }
    }

    /**
     * Delivers events in order, with their WebSocket writes handed to the connection threads together at the
     * end: a socket sent several of them gets them in one write, and each connection thread is woken once. An
     * event whose delivery fails is logged and passed over; the others still go out.
     */
    public synchronized void deliverAll(List<SequencedEvent> events) {
        try {
            for (SequencedEvent sequenced : events) {
                try {
                    queue(sequenced);
                } catch (RuntimeException e) {
                    log.error("Delivery of event {} ({}) failed", sequenced.offset(), sequenced.event().name(), e);
                }
            }
        } finally {
            writes.flush();
        }
    }

    /** Routes one event: its packets join their recipients' queues, written when {@link #writes} is flushed. */
    private void queue(SequencedEvent sequenced) {
        Optional<String> previous = positions.lastDelivered();
        writes.carries(sequenced.receivedNanos());
        for (ServedNamespace namespace : namespaces.all()) {
            Collection<SocketSession> targets = Recipients.of(namespace, sequenced.event());
            if (targets.isEmpty()) {
                continue;
            }
            List<EncodedPacket> packets = packets(namespace, sequenced);
            int reached = 0;
            for (SocketSession socket : targets) {
                // Holds are rare and brief: while there are none, no recipient needs hashing.
                CatchUp hold = holds.isEmpty() ? null : holds.get(socket);
                if (hold != null) {
                    hold.offer(sequenced.offset(), previous, packets);
                } else {
                    send(socket, previous, packets, writes);
                }
                reached++;
            }
            deliveredCounter.accept(reached * packets.size());
        }
        if (!holds.isEmpty()) {
            holds.values().removeIf(hold -> hold.passed(sequenced.offset()));
        }
        positions.delivered(sequenced.offset());
    }

    /**
     * Holds back live deliveries to a socket about to be restored; call before it joins its rooms, and end
     * with {@link #release} or {@link #cancel}.
     */
    public synchronized CatchUp hold(SocketSession socket) {
        CatchUp hold = new CatchUp(socket, positions.lastDelivered());
        holds.put(socket, hold);
        return hold;
    }

    /**
     * The packets that replay, for a held socket, the missed events that reach it now (its rooms, not
     * excepted), in order.
     *
     * @param missed     every event after {@code after}, in order
     * @param maxPackets the most the socket may be sent at once
     * @return empty when the replay needs more than {@code maxPackets}
     */
    public Optional<List<EncodedPacket>> replayPackets(CatchUp hold, Optional<String> after, List<SequencedEvent> missed,
            int maxPackets) {
        SocketSession socket = hold.socket();
        List<EncodedPacket> replay = new ArrayList<>();
        Optional<String> previous = after;
        for (SequencedEvent sequenced : missed) {
            if (Recipients.reaches(socket, sequenced.event())) {
                hold.replayed(previous);
                replay.addAll(packets(socket.servedNamespace(), sequenced));
                if (replay.size() > maxPackets) {
                    return Optional.empty();
                }
            }
            previous = Optional.of(sequenced.offset());
        }
        return Optional.of(replay);
    }

    /**
     * Ends a hold after the replay of every event up to {@code replayedThrough}: what was held and comes
     * later goes out now, in order, then deliveries go straight to the socket again.
     */
    public synchronized void release(CatchUp hold, String replayedThrough) {
        SocketSession socket = hold.socket();
        if (hold.replayedAny()) {
            positions.sent(socket, hold.beforeFirstReplayed());
        }
        Optional<List<CatchUp.Held>> later = hold.release(replayedThrough);
        log.debug("Released {} behind a replay through {}: {}", hold, replayedThrough,
                later.map(held -> "sending " + held.stream().map(CatchUp.Held::offset).toList())
                        .orElse("this node has not delivered that far yet"));
        if (later.isEmpty()) {
            return;
        }
        holds.remove(socket, hold);
        for (CatchUp.Held entry : later.get()) {
            send(socket, entry.previous(), entry.packets(), null);
        }
    }

    /** Drops a hold whose socket was not restored after all; what it held is discarded with the socket. */
    public synchronized void cancel(CatchUp hold) {
        holds.remove(hold.socket(), hold);
        positions.drop(hold.socket());
    }

    /**
     * Forgets a socket that left every room, telling from which offset a replay would give its client every
     * event it may have missed, assuming it received none of those this node sent it.
     *
     * @return empty when no offset can say that (the first event sent to it was the first of the log)
     */
    public synchronized Optional<String> forget(SocketSession socket) {
        holds.remove(socket);
        return positions.forget(socket);
    }

    /**
     * @return the last offset this node delivered: a socket opened now may miss only events after it, so a
     *     replay for its client, should it have received none, starts there
     */
    public synchronized Optional<String> position() {
        return positions.lastDelivered();
    }


    /** @param writes where WebSocket writes wait to be flushed together, or null to write at once */
    private void send(SocketSession socket, Optional<String> previous, List<EncodedPacket> packets,
            WriteBatch writes) {
        if (offsets) {
            positions.sent(socket, previous);
        }
        // Indexed: the client compiler the launcher runs with would allocate an iterator per recipient.
        for (int i = 0; i < packets.size(); i++) {
            socket.send(packets.get(i), writes);
        }
    }

    private List<EncodedPacket> packets(ServedNamespace namespace, SequencedEvent sequenced) {
        OutboundEvent event = sequenced.event();
        List<EncodedPacket> packets = new ArrayList<>();
        for (Emission emission : namespace.translator().translate(event.name(), event.data())) {
            Object data = argument(emission, event);
            List<Object> args = offsets ? List.of(data, sequenced.offset()) : List.of(data);
            packets.add(namespace.encode(emission.event(), args));
        }
        return packets;
    }

    /**
     * The payload as the encoder takes it: the event's JSON, written once for the whole server, when the
     * translator passed the payload on as it was (canonical events and their legacy aliases); else the new tree.
     */
    private static Object argument(Emission emission, OutboundEvent event) {
        if (emission.data() == event.data()) {
            Optional<JsonBytes> json = event.dataJson();
            if (json.isPresent()) {
                return json.get();
            }
        }
        return emission.data();
    }
}
