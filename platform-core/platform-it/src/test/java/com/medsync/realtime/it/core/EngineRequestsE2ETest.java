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
    void aWellFormedHandshakeStillWorks() {
        try (RawEngineIo session = RawEngineIo.polling(live.medsync().socketPort())) {
            assertThat(session.open().sid()).isNotBlank();
        }
    }
}
