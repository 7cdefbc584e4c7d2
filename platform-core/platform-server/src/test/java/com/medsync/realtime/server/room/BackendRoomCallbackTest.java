package com.medsync.realtime.server.room;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.medsync.realtime.server.config.ServerSettings.CallbackSettings;
import com.medsync.realtime.spi.auth.Principal;
import com.medsync.realtime.spi.auth.Role;
import com.medsync.realtime.spi.room.Room;
import com.medsync.realtime.spi.room.Verdict;
import com.sun.net.httpserver.HttpServer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** The backend room-authorization callback against a real HTTP server standing in for the backend. */
class BackendRoomCallbackTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpServer backend;
    private final List<JsonNode> asked = new CopyOnWriteArrayList<>();
    private volatile int answer = 200;
    private volatile long delayMillis;

    @BeforeEach
    void startBackend() throws Exception {
        backend = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        backend.createContext("/authorize", exchange -> {
            asked.add(JSON.readTree(exchange.getRequestBody()));
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(answer, -1);
            exchange.close();
        });
        // A slow answer must not hold up the next request, as with a real backend.
        backend.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        backend.start();
    }

    @AfterEach
    void stopBackend() {
        backend.stop(0);
    }

    private BackendRoomCallback callback(Duration timeout) {
        URI url = URI.create("http://127.0.0.1:" + backend.getAddress().getPort() + "/authorize");
        return new BackendRoomCallback(url, new CallbackSettings(Optional.of(url), timeout, Duration.ofSeconds(30),
                Duration.ofSeconds(5)), JSON);
    }

    private static final Principal STAFF = RoomAccessTest.principal("staff_1", Role.PHARMACY, "pharmacy_1");

    @Test
    void sendsWhoAndWhichRoomAndGrantsOn200() {
        assertThat(callback(Duration.ofSeconds(2)).decide(STAFF, Room.chat("room_1"))).isEqualTo(Verdict.ALLOW);

        assertThat(asked).singleElement().satisfies(body -> {
            assertThat(body.get("userId").asText()).isEqualTo("staff_1");
            assertThat(body.get("role").asText()).isEqualTo("pharmacy");
            assertThat(body.get("pharmacyId").asText()).isEqualTo("pharmacy_1");
            assertThat(body.get("room").asText()).isEqualTo("chat:room_1");
        });
    }

    @Test
    void answersAreCached() {
        BackendRoomCallback callback = callback(Duration.ofSeconds(2));
        callback.decide(STAFF, Room.chat("room_1"));
        callback.decide(STAFF, Room.chat("room_1"));
        answer = 403;
        callback.decide(STAFF, Room.dispatch("d1"));
        callback.decide(STAFF, Room.dispatch("d1"));

        assertThat(asked).hasSize(2);
    }

    @Test
    void a403GrantsNothing() {
        answer = 403;

        assertThat(callback(Duration.ofSeconds(2)).decide(STAFF, Room.chat("room_1"))).isEqualTo(Verdict.ABSTAIN);
    }

    @Test
    void aTimeoutGrantsNothingAndIsNotCached() {
        delayMillis = 1_000;
        BackendRoomCallback callback = callback(Duration.ofMillis(200));

        assertThat(callback.decide(STAFF, Room.chat("room_1"))).isEqualTo(Verdict.ABSTAIN);
        delayMillis = 0;
        assertThat(callback.decide(STAFF, Room.chat("room_1"))).isEqualTo(Verdict.ALLOW);
    }

    @Test
    void onlyChatAndDispatchRoomsAreAsked() {
        assertThat(callback(Duration.ofSeconds(2)).decide(STAFF, Room.pharmacy("pharmacy_9")))
                .isEqualTo(Verdict.ABSTAIN);
        assertThat(asked).isEmpty();
    }
}
