package com.medsync.realtime.server.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.medsync.realtime.http.BearerAuth;
import com.medsync.realtime.http.HttpProblem;
import com.medsync.realtime.http.HttpRequest;
import com.medsync.realtime.http.HttpResponse;
import com.medsync.realtime.server.delivery.BrokerUnavailableException;
import com.medsync.realtime.server.publish.PublishRejected;
import com.medsync.realtime.server.publish.PublishService;
import com.medsync.realtime.server.publish.PublishService.Outcome;

import com.medsync.realtime.spi.store.StoreUnavailableException;

import java.io.IOException;
import java.util.List;

/**
 * {@code POST /api/v1/events}: the backend's way in. 202 with what was accepted; 200 with
 * {@code duplicate: true} when every event was a repeat of an idempotency key already accepted.
 */
public final class PublishEndpoint {

    private final PublishService publisher;
    private final String apiKey;

    public PublishEndpoint(PublishService publisher, String apiKey) {
        this.publisher = publisher;
        this.apiKey = apiKey;
    }

    public HttpResponse handle(HttpRequest request) {
        BearerAuth.require(request, apiKey);
        JsonNode body = request.bodyAsJson();
        List<Outcome> outcomes;
        try {
            outcomes = publisher.publish(body);
        } catch (PublishRejected e) {
            HttpProblem problem = new HttpProblem(e.reason().status(), e.reason().name(), e.getMessage());
            e.details().forEach(problem::withDetail);
            throw problem;
        } catch (StoreUnavailableException | BrokerUnavailableException e) {
            // Nothing pretends to be accepted: the backend retries later (with the same id, if it set one).
            throw new HttpProblem(503, "UNAVAILABLE", "cannot accept events now: " + e.getMessage());
        }
        int accepted = 0;
        for (Outcome outcome : outcomes) {
            accepted += outcome.duplicate() ? 0 : 1;
        }
        int status = accepted == 0 ? 200 : 202;
        if (!body.isArray()) {
            return HttpResponse.json(status, json -> write(json, outcomes.get(0)));
        }
        int acceptedCount = accepted;
        return HttpResponse.json(status, json -> {
            json.writeStartObject();
            json.writeNumberField("accepted", acceptedCount);
            json.writeBooleanField("duplicate", acceptedCount == 0);
            json.writeArrayFieldStart("results");
            for (Outcome outcome : outcomes) {
                write(json, outcome);
            }
            json.writeEndArray();
            json.writeEndObject();
        });
    }

    /** Written token by token rather than as a map for Jackson to walk: this is every publish's answer. */
    private static void write(JsonGenerator json, Outcome outcome) throws IOException {
        json.writeStartObject();
        json.writeStringField("event", outcome.event());
        json.writeStringField("id", outcome.id());
        json.writeBooleanField("accepted", !outcome.duplicate());
        json.writeBooleanField("duplicate", outcome.duplicate());
        json.writeArrayFieldStart("rooms");
        for (String room : outcome.rooms()) {
            json.writeString(room);
        }
        json.writeEndArray();
        json.writeEndObject();
    }
}
