package com.medsync.realtime.server.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.medsync.realtime.server.event.JsonBytes;
import com.medsync.realtime.server.event.OutboundEvent;
import com.medsync.realtime.server.event.SequencedEvent;
import com.medsync.realtime.spi.room.Room;

import java.util.Optional;
import java.util.Set;

/**
 * An event as the recovery log holds it: the payload as its JSON bytes instead of a tree.
 *
 * <p>The log holds up to thousands of events for seconds to minutes each: long enough to outlive a young
 * collection, so the collector copies every one of them and promotes many (only to find them dead in the old
 * generation later). A tree is dozens of nodes, map entries and strings per event; one byte array is a fraction
 * of that to copy. Replays, which are rare, parse the bytes again. A payload holding binary attachments stays a
 * tree: JSON would turn them into text.
 */
final class CompactEvent {

    private final String offset;
    private final long receivedNanos;
    private final String id;
    private final String name;
    private final Set<Room> rooms;
    private final Optional<String> exceptSocket;
    private final Payload payload;

    /** @param payload the event's payload as {@link Payload#of} made it */
    CompactEvent(SequencedEvent sequenced, Payload payload) {
        OutboundEvent event = sequenced.event();
        this.offset = sequenced.offset();
        this.receivedNanos = sequenced.receivedNanos();
        this.id = event.id();
        this.name = event.name();
        this.rooms = event.rooms();
        this.exceptSocket = event.exceptSocket();
        this.payload = payload;
    }

    String offset() {
        return offset;
    }

    /**
     * The event as it was appended (an equal one: a new tree parsed from the held bytes, which it keeps as its
     * written JSON, so a replay sends the very bytes the live delivery did).
     */
    SequencedEvent inflate() {
        OutboundEvent event = payload.json() == null
                ? new OutboundEvent(id, name, payload.binaryTree(), rooms, exceptSocket)
                : OutboundEvent.withDataJson(id, name, payload.json().tree(), payload.json(), rooms, exceptSocket);
        return new SequencedEvent(offset, event, receivedNanos);
    }

    /** A payload as held: its JSON bytes, or its tree when it holds binary attachments (exactly one is set). */
    record Payload(JsonBytes json, JsonNode binaryTree) {

        /** The event's payload as the bytes the whole server shares ({@link OutboundEvent#dataJson}). */
        static Payload of(OutboundEvent event) {
            return event.dataJson().map(json -> new Payload(json, null))
                    .orElseGet(() -> new Payload(null, event.data()));
        }
    }
}
