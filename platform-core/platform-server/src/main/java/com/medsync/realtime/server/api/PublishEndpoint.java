package com.medsync.realtime.server.api;

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

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
        boolean allDuplicates = true;
        for (Outcome outcome : outcomes) {
            allDuplicates &= outcome.duplicate();
        }
        int status = allDuplicates ? 200 : 202;
        if (!body.isArray()) {
            return HttpResponse.json(status, describe(outcomes.get(0)));
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("accepted", outcomes.stream().filter(outcome -> !outcome.duplicate()).count());
        answer.put("duplicate", allDuplicates);
        answer.put("results", outcomes.stream().map(PublishEndpoint::describe).toList());
        return HttpResponse.json(status, answer);
    }

    private static Map<String, Object> describe(Outcome outcome) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("event", outcome.event());
        result.put("id", outcome.id());
        result.put("accepted", !outcome.duplicate());
        result.put("duplicate", outcome.duplicate());
        result.put("rooms", outcome.rooms());
        return result;
    }
}
