package com.medsync.realtime.server.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.medsync.realtime.server.event.OutboundEvent;
import com.medsync.realtime.server.socket.SocketLifecycleListener;
import com.medsync.realtime.server.socket.SocketSession;
import com.medsync.realtime.spi.room.Room;

import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The last {@value #CAPACITY} events this node saw, for an operator watching traffic: events published here
 * (the HTTP API, plugins) and client events its sockets sent. Never a payload, only its size: an entry is the
 * event's name, namespace, rooms (the event's own immutable set, not a copy) and byte count.
 *
 * <p>Recording runs on the thread that accepted the event (an HTTP handler, a plugin's task, a connection's
 * queue), never on the delivery thread or an event loop, and costs one small entry in a lock-free {@link Ring}
 * plus counting the payload's JSON bytes (one pass of Jackson's writer into a counter, nothing kept).
 */
public final class EventTail implements SocketLifecycleListener {

    public static final int CAPACITY = 1_000;
    public static final String PUBLISH = "publish";
    public static final String CLIENT = "client";
    /**
     * A client names its events as it likes, up to a whole packet: the tail keeps this much of a name, so that a
     * thousand entries never hold more than a few kilobytes of them.
     */
    static final int MAX_CLIENT_NAME = 64;

    /**
     * One event seen.
     *
     * @param seq       this node's sequence number of it, from 1 (starts again when the node restarts)
     * @param atMillis  when, in epoch milliseconds
     * @param source    {@link #PUBLISH} or {@link #CLIENT}
     * @param namespace the namespace of a client event; null for a published one (it goes to every namespace)
     * @param rooms     a published event's rooms; none for a client event (its handler decides what it reaches)
     * @param bytes     the size of its data (client: its arguments) as JSON
     */
    public record Seen(long seq, long atMillis, String source, String name, String namespace, Set<Room> rooms,
            int bytes) {
    }

    /**
     * @param events the events asked for, oldest first
     * @param last   the sequence number to ask after next time: the newest one returned, else the newest seen
     */
    public record Tail(List<Seen> events, long last) {
    }

    private final Ring<Seen> ring = new Ring<>(CAPACITY, Seen::seq);
    private final JsonSize size;

    public EventTail(ObjectMapper mapper) {
        this.size = new JsonSize(mapper.writer());
    }

    /** An event published on this node was accepted into the event log. */
    public void published(OutboundEvent event) {
        int bytes = event.dataJson().map(json -> json.utf8().length)
                .orElseGet(() -> size.of(event.data()));
        long at = System.currentTimeMillis();
        ring.add(seq -> new Seen(seq, at, PUBLISH, event.name(), null, event.rooms(), bytes));
    }

    @Override
    public void onClientEvent(SocketSession socket, String event, JsonNode args) {
        int bytes = size.of(args);
        long at = System.currentTimeMillis();
        String namespace = socket.namespace();
        String name = event.length() <= MAX_CLIENT_NAME ? event : event.substring(0, MAX_CLIENT_NAME) + "...";
        ring.add(seq -> new Seen(seq, at, CLIENT, name, namespace, Set.of(), bytes));
    }

    /**
     * @param after only events after this sequence number; without it, or when it is above the newest (the node
     *              restarted since the caller's last look), the newest events
     * @param limit the most events returned
     */
    public Tail tail(OptionalLong after, int limit) {
        long newest = ring.last();
        List<Seen> events;
        if (after.isPresent() && after.getAsLong() <= newest) {
            events = ring.after(after.getAsLong(), limit);
        } else {
            events = ring.after(Math.max(0, newest - limit), limit);
        }
        return new Tail(events, events.isEmpty() ? newest : events.get(events.size() - 1).seq());
    }
}
