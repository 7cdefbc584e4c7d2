package com.medsync.realtime.server.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.medsync.realtime.server.event.OutboundEvent;
import com.medsync.realtime.server.event.Payloads;
import com.medsync.realtime.server.event.SequencedEvent;
import com.medsync.realtime.spi.room.Room;

import java.io.IOException;
import java.io.UncheckedIOException;
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

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String offset;
    private final long receivedNanos;
    private final String id;
    private final String name;
    private final Set<Room> rooms;
    private final Optional<String> exceptSocket;
    // Exactly one of the two is set.
    private final byte[] json;
    private final JsonNode tree;

    private CompactEvent(SequencedEvent sequenced, byte[] json, JsonNode tree) {
        OutboundEvent event = sequenced.event();
        this.offset = sequenced.offset();
        this.receivedNanos = sequenced.receivedNanos();
        this.id = event.id();
        this.name = event.name();
        this.rooms = event.rooms();
        this.exceptSocket = event.exceptSocket();
        this.json = json;
        this.tree = tree;
    }

    static CompactEvent of(SequencedEvent sequenced) {
        JsonNode data = sequenced.event().data();
        if (Payloads.containsBinary(data)) {
            return new CompactEvent(sequenced, null, data);
        }
        try {
            return new CompactEvent(sequenced, JSON.writeValueAsBytes(data), null);
        } catch (JsonProcessingException e) {
            // A tree of JSON nodes always serializes; this would be a bug, not bad input.
            throw new IllegalStateException("Event " + sequenced.event().id() + " did not serialize", e);
        }
    }

    String offset() {
        return offset;
    }

    /** The event as it was appended (an equal one: a new tree parsed from the held bytes). */
    SequencedEvent inflate() {
        JsonNode data = tree;
        if (data == null) {
            try {
                data = JSON.readTree(json);
            } catch (IOException e) {
                throw new UncheckedIOException("Held event " + id + " did not parse", e);
            }
        }
        return new SequencedEvent(offset, new OutboundEvent(id, name, data, rooms, exceptSocket), receivedNanos);
    }
}
