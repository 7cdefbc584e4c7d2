package com.medsync.realtime.server.adminui;

import com.medsync.realtime.server.socket.engine.HandshakeRequest;

import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SocketDescriptionTest {

    @Test
    void credentialsInTheHandshakeNeverReachTheAdminUi() {
        HandshakeRequest request = new HandshakeRequest(new InetSocketAddress("10.1.2.3", 5555),
                Map.of("authorization", "Bearer eyJ.secret", "cookie", "sid=1", "user-agent", "okhttp"),
                Map.of("EIO", List.of("4"), "token", List.of("eyJ.secret")),
                "/socket.io/?EIO=4&transport=polling&token=eyJ.secret&t=1", Instant.parse("2026-01-01T00:00:00Z"),
                false);

        Map<String, Object> handshake = SocketDescription.handshake(request);

        assertThat(handshake.toString()).doesNotContain("eyJ.secret").doesNotContain("sid=1");
        assertThat(handshake.get("url")).isEqualTo("/socket.io/?EIO=4&transport=polling&token=[redacted]&t=1");
        assertThat(handshake.get("headers")).isEqualTo(Map.of("authorization", SocketDescription.REDACTED,
                "cookie", SocketDescription.REDACTED, "user-agent", "okhttp"));
        assertThat(handshake.get("query")).isEqualTo(Map.of("EIO", "4", "token", SocketDescription.REDACTED));
        assertThat(handshake.get("address")).isEqualTo("10.1.2.3");
        assertThat(handshake.get("issued")).isEqualTo(1767225600000L);
        assertThat(handshake.get("secure")).isEqualTo(false);
    }

    @Test
    void theAddressIsTheOneAProxyReportsAsInTheReferenceServer() {
        HandshakeRequest request = new HandshakeRequest(new InetSocketAddress("127.0.0.1", 5555),
                Map.of("x-forwarded-for", "203.0.113.9", "x-forwarded-proto", "https"), Map.of(), "/socket.io/",
                Instant.now(), false);

        Map<String, Object> handshake = SocketDescription.handshake(request);

        assertThat(handshake.get("address")).isEqualTo("203.0.113.9");
        assertThat(handshake.get("secure")).isEqualTo(true);
    }
}
