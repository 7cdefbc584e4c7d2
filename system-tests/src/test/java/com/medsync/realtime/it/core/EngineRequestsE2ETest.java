package com.medsync.realtime.it.core;

import com.medsync.realtime.it.fixture.LiveServer;
import com.medsync.realtime.it.support.RawEngineIo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Malformed Engine.IO requests get 400 with the reference server's error codes, never a hang or a 500. */
class EngineRequestsE2ETest {

    @RegisterExtension
    static final LiveServer live = LiveServer.plain(Map.of());

    private static RawEngineIo.HttpOutcome request(String method, String query) {
        return RawEngineIo.http(live.medsync().socketPort(), method, RawEngineIo.PATH + "?" + query, null, Map.of(),
                Duration.ofSeconds(5));
    }

    private static void assertRefused(RawEngineIo.HttpOutcome outcome, int code, String message) {
        assertThat(outcome.status()).as(outcome.toString()).isEqualTo(400);
        assertThat(outcome.body()).isEqualTo("{\"code\":" + code + ",\"message\":\"" + message + "\"}");
    }

    @Test
    void anotherProtocolVersionIsRefused() {
        assertRefused(request("GET", "EIO=3&transport=polling"), 5, "Unsupported protocol version");
        assertRefused(request("GET", "transport=polling"), 5, "Unsupported protocol version");
    }

    @Test
    void anUnknownTransportIsRefused() {
        assertRefused(request("GET", "EIO=4&transport=flash"), 0, "Transport unknown");
        assertRefused(request("GET", "EIO=4"), 0, "Transport unknown");
    }

    @Test
    void aHandshakeMustBeAGet() {
        assertRefused(request("POST", "EIO=4&transport=polling"), 2, "Bad handshake method");
    }

    @Test
    void unknownMalformedOrClosedSessionsAreRefused() {
        assertRefused(request("GET", "EIO=4&transport=polling&sid=nope"), 1, "Session ID unknown");
        assertRefused(request("GET", "EIO=4&transport=polling&sid=" + UUID.randomUUID()), 1, "Session ID unknown");

        String closedSid;
        try (RawEngineIo session = RawEngineIo.pollingManual(live.medsync().socketPort())) {
            closedSid = session.sid();
            session.post("1");
        }
        RawEngineIo.HttpOutcome afterClose = null;
        for (int i = 0; i < 20; i++) {
            afterClose = request("GET", "EIO=4&transport=polling&sid=" + closedSid);
            if (afterClose.status() == 400) {
                break;
            }
        }
        assertRefused(afterClose, 1, "Session ID unknown");
    }

    @Test
    void aBrokenPercentEscapeIsABadRequestNotADroppedConnection() throws Exception {
        for (String query : new String[] {"EIO=4&transport=polling&x=%E6%A2%ZZ", "EIO=4&transport=polling&%%=1"}) {
            // The JDK's HTTP client will not send such a target, so it goes over a plain socket.
            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", live.medsync().socketPort())) {
                socket.setSoTimeout(5_000);
                socket.getOutputStream().write(("GET " + RawEngineIo.PATH + "?" + query + " HTTP/1.1\r\n"
                        + "Host: 127.0.0.1\r\nConnection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                assertThat(answer).as(query).startsWith("HTTP/1.1 400")
                        .endsWith("{\"code\":3,\"message\":\"Bad request\"}");
            }
        }
    }

    @Test
    void aWellFormedHandshakeStillWorks() {
        try (RawEngineIo session = RawEngineIo.polling(live.medsync().socketPort())) {
            assertThat(session.open().sid()).isNotBlank();
        }
    }
}
