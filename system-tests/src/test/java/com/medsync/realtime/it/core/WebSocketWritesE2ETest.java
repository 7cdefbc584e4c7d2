package com.medsync.realtime.it.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.medsync.realtime.it.fixture.LiveServer;
import com.medsync.realtime.it.support.JsClients;
import com.medsync.realtime.it.support.JsSocket;
import com.medsync.realtime.it.support.SlowWebSocketReader;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How events are written to clients: a broadcast is encoded once and written as the same bytes to every
 * WebSocket, in order, next to polling clients that get it through netty-socketio's encoder; WebSocket
 * compression only when configured; frames longer than the largest frame we accept are fragmented; a client that
 * stops reading for a while misses nothing.
 */
class WebSocketWritesE2ETest {

    private static final int EVENTS = 300;
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final LiveServer live = LiveServer.withTestEvents();

    @RegisterExtension
    static final LiveServer deflating = LiveServer.withTestEvents(Map.of(
            "medsync.socket.per-message-deflate", true,
            "medsync.socket.max-payload-bytes", 10_000));

    /** A pharmacy staff member's client (in its pharmacy's room from the start), connecting. */
    private static JsSocket staff(LiveServer server, String user, String pharmacy, String transport) {
        Map<String, Object> opts = new HashMap<>(JsClients.auth(server.medsync().pharmacyToken(user, pharmacy)));
        opts.put("transports", List.of(transport));
        return server.js().connect(server.medsync().canonicalUrl(), opts);
    }

    @Test
    void everyClientGetsEveryBroadcastOnceAndInPublishOrder() {
        List<JsSocket> clients = List.of(
                staff(live, "staff_ws_1", "pharmacy_order", "websocket"),
                staff(live, "staff_ws_2", "pharmacy_order", "websocket"),
                staff(live, "staff_ws_3", "pharmacy_order", "websocket"),
                staff(live, "staff_polling", "pharmacy_order", "polling"));
        clients.forEach(JsSocket::awaitConnect);

        for (int n = 0; n < EVENTS; n++) {
            assertThat(live.medsync().publish("{\"event\":\"test:broadcast\",\"data\":{\"n\":" + n
                    + "},\"to\":[\"pharmacy:pharmacy_order\"]}").status()).isEqualTo(202);
        }

        for (JsSocket client : clients) {
            List<Integer> received = new ArrayList<>();
            for (int n = 0; n < EVENTS; n++) {
                received.add(client.awaitEvent("test:broadcast", Duration.ofSeconds(10)).path(0).path("n").asInt());
            }
            assertThat(received).as(client.toString()).isEqualTo(IntStream.range(0, EVENTS).boxed().toList());
            client.assertNoEvent("test:broadcast", Duration.ofMillis(200));
            client.close();
        }
    }

    /**
     * A client that stops reading while events keep coming: the server's socket buffer fills, what it cannot take
     * waits in the channel (the rest of a frame written straight to the socket in part included), and once the
     * client reads again it gets every event, whole and in order. 400 events of 20 KB are twice what loopback holds
     * between the two ends here: the server's send buffer (at most 4 MB, net.ipv4.tcp_wmem) and the client's
     * receive buffer (4 KB).
     */
    @Test
    void aClientThatStopsReadingGetsEveryEventWholeAndInOrderOnceItReadsAgain() throws IOException {
        int events = 400;
        String pad = "x".repeat(20_000);
        try (SlowWebSocketReader client = SlowWebSocketReader.connect(live.medsync().socketPort(), "/patient-pharmacy",
                live.medsync().patientToken("patient_not_reading"))) {
            for (int n = 0; n < events; n++) {
                assertThat(live.medsync().publish("{\"event\":\"test:broadcast\",\"data\":{\"n\":" + n + ",\"pad\":\""
                        + pad + "\"},\"to\":[\"user:patient_not_reading\"]}").status()).isEqualTo(202);
            }

            List<Integer> received = new ArrayList<>();
            while (received.size() < events) {
                String frame = client.frame();
                assertThat(frame).as("frame after %d events", received.size()).isNotNull().isNotEqualTo("<close>");
                assertThat(frame).startsWith("42/patient-pharmacy,[\"test:broadcast\",");
                JsonNode event = JSON.readTree(frame.substring(frame.indexOf(',') + 1));
                assertThat(event.path(1).path("pad").asText()).as("event %d's payload", received.size()).isEqualTo(pad);
                received.add(event.path(1).path("n").asInt());
            }
            assertThat(received).isEqualTo(IntStream.range(0, events).boxed().toList());
        }
    }

    @Test
    void theServerRecordsHowLongAfterAcceptingAnEventItWroteIt() {
        JsSocket client = staff(live, "staff_delay", "pharmacy_delay", "websocket");
        client.awaitConnect();
        double before = writeDelaySamples();

        assertThat(live.medsync().publish("{\"event\":\"test:broadcast\",\"data\":{\"n\":1},"
                + "\"to\":[\"pharmacy:pharmacy_delay\"]}").status()).isEqualTo(202);
        client.awaitEvent("test:broadcast");

        // Recorded by the connection thread right after its write: possibly just after the client has the event.
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (writeDelaySamples() < before + 1 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(live.medsync().get("/metrics").body())
                .contains("# TYPE medsync_delivery_write_seconds histogram")
                .containsPattern("medsync_delivery_write_seconds_bucket\\{le=\"0\\.001\"}");
        assertThat(writeDelaySamples()).as("one sample for the one connection thread that wrote it")
                .isEqualTo(before + 1);
        client.close();
    }

    private static double writeDelaySamples() {
        return live.medsync().get("/metrics").body().lines()
                .filter(line -> line.startsWith("medsync_delivery_write_seconds_count"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    @Test
    void webSocketCompressionIsOffByDefault() {
        JsSocket client = staff(live, "staff_plain", "pharmacy_plain", "websocket");

        assertThat(client.awaitConnect().wsExtensions()).as("extensions the server accepted").isEmpty();
        client.close();
    }

    @Test
    void whenConfiguredClientsThatOfferCompressionGetItAndLongEventsArriveWhole() {
        JsSocket client = staff(deflating, "staff_deflate", "pharmacy_deflate", "websocket");
        assertThat(client.awaitConnect().wsExtensions()).startsWith("permessage-deflate");

        // Longer than the largest frame this server accepts (10,000 bytes): sent as 8 KiB fragments.
        String note = "x".repeat(30_000);
        deflating.medsync().publish("{\"event\":\"test:broadcast\",\"data\":{\"note\":\"" + note
                + "\"},\"to\":[\"pharmacy:pharmacy_deflate\"]}");
        deflating.medsync().publish("{\"event\":\"test:broadcast\",\"data\":{\"note\":\"short\"},"
                + "\"to\":[\"pharmacy:pharmacy_deflate\"]}");

        JsonNode first = client.awaitEventPayload("test:broadcast");
        assertThat(first.path("note").asText()).isEqualTo(note);
        assertThat(client.awaitEventPayload("test:broadcast").path("note").asText()).isEqualTo("short");
        client.close();
    }
}
