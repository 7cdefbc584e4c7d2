package com.medsync.realtime.it.deployment;

import com.medsync.realtime.it.support.Await;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A backend publishing {@code chat:message}s through the load balancer at a steady rate, one room after the
 * other, as the MedSync backend does: each event carries an idempotency {@code id}, and one whose answer is
 * lost (its node went away) is sent again until it is accepted (202) or known as a duplicate (200), so that
 * every event is accepted once and the accepted order per room is the publish order.
 */
final class SteadyPublisher {

    private static final Logger log = LoggerFactory.getLogger(SteadyPublisher.class);
    private static final Duration PERIOD = Duration.ofMillis(40);
    private static final Duration GIVE_UP = Duration.ofSeconds(30);

    private final String apiUrl;
    private final String apiKey;
    private final int rooms;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Map<String, List<String>> acceptedByRoom = new ConcurrentHashMap<>();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private volatile boolean running;
    private volatile Throwable failure;
    private Thread thread;

    SteadyPublisher(String apiUrl, String apiKey, int rooms) {
        this.apiUrl = apiUrl;
        this.apiKey = apiKey;
        this.rooms = rooms;
    }

    static String room(int index) {
        return "room_rr_" + index;
    }

    void start() {
        running = true;
        thread = new Thread(this::run, "steady-publisher");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        long next = System.nanoTime();
        try {
            for (long seq = 0; running; seq++) {
                String room = room((int) (seq % rooms));
                String id = "m_" + seq;
                publishUntilAccepted(room, id);
                acceptedByRoom.computeIfAbsent(room, r -> new CopyOnWriteArrayList<>()).add(id);
                accepted.incrementAndGet();
                next += PERIOD.toNanos();
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | AssertionError e) {
            failure = e;
        }
    }

    private void publishUntilAccepted(String room, String id) throws InterruptedException {
        String body = """
                {"event":"chat:message","id":"%s","data":{"id":"%s","roomId":"%s","senderId":"user_1",
                 "senderType":"patient","content":"steady","messageType":"TEXT","createdAt":"2026-12-03T10:00:00Z"}}"""
                .formatted(id, id, room);
        HttpRequest request = HttpRequest.newBuilder(URI.create(apiUrl + "/api/v1/events"))
                .header("Authorization", "Bearer " + apiKey)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(5))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        long deadline = System.nanoTime() + GIVE_UP.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 202 || response.statusCode() == 200) {
                    return;
                }
                last = response.statusCode() + " " + response.body();
            } catch (IOException e) {
                last = e.toString();
            }
            retries.incrementAndGet();
            log.debug("Publishing {} again after {}", id, last);
            Thread.sleep(100);
        }
        throw new AssertionError("event " + id + " not accepted within " + GIVE_UP + ": " + last);
    }

    /** Waits until at least {@code count} events have been accepted in all. */
    void awaitAccepted(long count) {
        Await.until(() -> count + " events accepted, " + accepted.get() + " so far"
                + (failure == null ? "" : ": " + failure), Duration.ofSeconds(60),
                () -> failure == null && accepted.get() >= count);
    }

    long accepted() {
        return accepted.get();
    }

    long retries() {
        return retries.get();
    }

    /** @return the ids accepted for a room, in the order they were accepted */
    List<String> acceptedIds(String room) {
        return List.copyOf(acceptedByRoom.getOrDefault(room, List.of()));
    }

    void stop() {
        running = false;
        if (thread != null) {
            try {
                thread.join(Duration.ofSeconds(40).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (failure != null) {
            throw new AssertionError("the publisher failed", failure);
        }
    }
}
