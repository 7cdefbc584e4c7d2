package com.medsync.realtime.server.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.medsync.realtime.server.delivery.Broker;
import com.medsync.realtime.server.delivery.BrokerUnavailableException;
import com.medsync.realtime.server.event.EventIds;
import com.medsync.realtime.server.event.OutboundEvent;
import com.medsync.realtime.server.publish.PublishRejected.Reason;
import com.medsync.realtime.spi.event.ContractViolation;
import com.medsync.realtime.spi.event.PublishedEventHandler;
import com.medsync.realtime.spi.event.Routing;
import com.medsync.realtime.spi.room.Room;
import com.medsync.realtime.spi.store.KeyValueStore;
import com.medsync.realtime.spi.store.StoreUnavailableException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Accepts events from the backend: checks every envelope, lets the owning handler validate the payload
 * and choose rooms, then hands each event to the broker. A request is all or nothing until the first
 * emission: any refused event refuses the whole request, and nothing has been emitted then.
 */
public final class PublishService {

    private static final Logger log = LoggerFactory.getLogger(PublishService.class);

    static final int MAX_BATCH = 100;
    private static final String IDEMPOTENCY_PREFIX = "publish:idempotency:";

    private final PublishedEventHandlers handlers;
    private final KeyValueStore store;
    private final Broker broker;
    private final Duration idempotencyTtl;
    private final Consumer<OutboundEvent> accepted;

    /** @param accepted told of each event the broker accepted, on the publisher's thread (metrics, the event tail) */
    public PublishService(PublishedEventHandlers handlers, KeyValueStore store, Broker broker,
            Duration idempotencyTtl, Consumer<OutboundEvent> accepted) {
        this.handlers = handlers;
        this.store = store;
        this.broker = broker;
        this.idempotencyTtl = idempotencyTtl;
        this.accepted = accepted;
    }

    /** The outcome for one event of a request. */
    public record Outcome(String event, String id, Set<String> rooms, boolean duplicate) {
    }

    /**
     * @param body one envelope object, or an array of them
     * @return one outcome per event, in request order
     */
    public List<Outcome> publish(JsonNode body) throws PublishRejected {
        List<EventEnvelope> envelopes = envelopes(body);
        List<Routed> routed = new ArrayList<>(envelopes.size());
        for (EventEnvelope envelope : envelopes) {
            routed.add(route(envelope));
        }
        List<Outcome> outcomes = new ArrayList<>(routed.size());
        for (Routed event : routed) {
            outcomes.add(emit(event));
        }
        return outcomes;
    }

    /**
     * Publishes one event from inside the platform (a plugin's {@link com.medsync.realtime.spi.event.EventPublisher}).
     *
     * @return false when the idempotency key was already used
     * @throws ContractViolation when the owner refuses it, or no rooms can be derived
     * @throws IllegalArgumentException when no started feature owns the event
     */
    public boolean publishOne(String event, JsonNode data, Set<Room> extraRooms, java.util.Optional<String> id)
            throws ContractViolation {
        EventEnvelope envelope = new EventEnvelope(-1, event, data, extraRooms, id);
        Routed routed;
        try {
            routed = route(envelope);
        } catch (PublishRejected e) {
            if (e.reason() == Reason.UNKNOWN_EVENT) {
                throw new IllegalArgumentException(e.getMessage());
            }
            Object field = e.details().getOrDefault("field", "");
            throw new ContractViolation(String.valueOf(field).replaceFirst("^data\\.?", ""), e.getMessage());
        }
        return !emit(routed).duplicate();
    }

    private static List<EventEnvelope> envelopes(JsonNode body) throws PublishRejected {
        List<EventEnvelope> envelopes = new ArrayList<>();
        if (body.isArray()) {
            if (body.isEmpty() || body.size() > MAX_BATCH) {
                throw EventEnvelope.malformed(-1, "", "a batch holds 1 to " + MAX_BATCH + " events, got " + body.size());
            }
            for (int i = 0; i < body.size(); i++) {
                envelopes.add(EventEnvelope.parse(body.get(i), i));
            }
        } else if (body.isObject()) {
            envelopes.add(EventEnvelope.parse(body, -1));
        } else {
            throw EventEnvelope.malformed(-1, "", "body must be an event object or an array of them");
        }
        return envelopes;
    }

    private Routed route(EventEnvelope envelope) throws PublishRejected {
        PublishedEventHandler handler = handlers.find(envelope.event()).orElseThrow(() -> new PublishRejected(
                Reason.UNKNOWN_EVENT, "no started plugin owns event '" + envelope.event() + "'",
                EventEnvelope.location(envelope.index(), "event")));
        Set<Room> rooms = new LinkedHashSet<>();
        Routing routing;
        try {
            routing = handler.route(envelope.data());
        } catch (ContractViolation e) {
            throw violation(envelope, e);
        } catch (StoreUnavailableException e) {
            throw e;
        } catch (RuntimeException | LinkageError e) {
            log.error("Handler of '{}' failed to route an event", envelope.event(), e);
            throw new IllegalStateException("the owner of '" + envelope.event() + "' failed", e);
        }
        rooms.addAll(routing.rooms());
        rooms.addAll(envelope.to());
        if (rooms.isEmpty() && routing.whenNoRooms().isPresent()) {
            throw violation(envelope, routing.whenNoRooms().get());
        }
        if (rooms.isEmpty()) {
            throw new PublishRejected(Reason.NO_ROOMS, "the rooms of this '" + envelope.event()
                    + "' cannot be derived; name them in 'to'", EventEnvelope.location(envelope.index(), "to"));
        }
        return new Routed(envelope, rooms);
    }

    private static PublishRejected violation(EventEnvelope envelope, ContractViolation e) {
        String field = e.field() == null || e.field().isEmpty() ? "data" : "data." + e.field();
        return new PublishRejected(Reason.CONTRACT_VIOLATION, e.getMessage(),
                EventEnvelope.location(envelope.index(), field));
    }

    private Outcome emit(Routed routed) {
        EventEnvelope envelope = routed.envelope;
        Set<String> roomNames = new LinkedHashSet<>();
        routed.rooms.forEach(room -> roomNames.add(room.name()));
        if (envelope.id().isPresent()
                && !store.putIfAbsent(IDEMPOTENCY_PREFIX + envelope.id().get(), envelope.event(), idempotencyTtl)) {
            return new Outcome(envelope.event(), envelope.id().get(), roomNames, true);
        }
        String id = envelope.id().orElseGet(EventIds::next);
        OutboundEvent event = new OutboundEvent(id, envelope.event(), envelope.data(), routed.rooms);
        try {
            broker.publish(event);
        } catch (BrokerUnavailableException e) {
            envelope.id().ifPresent(this::releaseIdempotencyKey);
            throw e;
        }
        accepted.accept(event);
        return new Outcome(envelope.event(), id, roomNames, false);
    }

    /** An event the broker refused was not emitted: a retry with the same key must not count as a repeat. */
    private void releaseIdempotencyKey(String id) {
        try {
            store.delete(IDEMPOTENCY_PREFIX + id);
        } catch (StoreUnavailableException e) {
            log.error("Idempotency key '{}' stays taken for an event that was not emitted: {}", id, e.getMessage());
        }
    }

    private record Routed(EventEnvelope envelope, Set<Room> rooms) {
    }
}
