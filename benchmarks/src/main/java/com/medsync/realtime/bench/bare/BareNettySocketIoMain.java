package com.medsync.realtime.bench.bare;

import com.corundumstudio.socketio.AuthTokenResult;
import com.corundumstudio.socketio.Configuration;
import com.corundumstudio.socketio.SocketIONamespace;
import com.corundumstudio.socketio.SocketIOServer;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.security.Keys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The benchmarked part of the MedSync contract on bare netty-socketio 2.0.14, used as its README shows and
 * with nothing of the platform: namespace {@code /patient-pharmacy}, an auth-token listener verifying the
 * HS256 JWT in {@code auth.token}, automatic rooms {@code user:{sub}} and {@code pharmacy:{pharmacyId}}, and
 * {@link PublishEndpoint} for {@code POST /api/v1/events}. This is the engine's own figure: what MedSync
 * costs on top of it is the platform's overhead.
 *
 * <p>Environment: BENCH_SOCKET_PORT, BENCH_HTTP_PORT, BENCH_JWT_SECRET, BENCH_API_KEY; binds 127.0.0.1.
 */
public final class BareNettySocketIoMain {

    static final String NAMESPACE = "/patient-pharmacy";
    private static final Logger LOG = LoggerFactory.getLogger(BareNettySocketIoMain.class);
    private static final String CLAIMS = "claims";

    private BareNettySocketIoMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        int socketPort = Integer.parseInt(required("BENCH_SOCKET_PORT"));
        int httpPort = Integer.parseInt(required("BENCH_HTTP_PORT"));
        JwtParser jwt = Jwts.parser()
                .verifyWith(Keys.hmacShaKeyFor(required("BENCH_JWT_SECRET").getBytes(StandardCharsets.UTF_8)))
                .build();

        Configuration config = new Configuration();
        config.setHostname("127.0.0.1");
        config.setPort(socketPort);
        SocketIOServer server = new SocketIOServer(config);
        SocketIONamespace namespace = server.addNamespace(NAMESPACE);
        namespace.addAuthTokenListener((authToken, client) -> {
            Object token = authToken instanceof Map<?, ?> map ? map.get("token") : null;
            if (!(token instanceof String text)) {
                return new AuthTokenResult(false, "Authentication error: token missing");
            }
            try {
                client.set(CLAIMS, jwt.parseSignedClaims(text).getPayload());
                return AuthTokenResult.AuthTokenResultSuccess;
            } catch (JwtException e) {
                return new AuthTokenResult(false, "Authentication error: " + e.getMessage());
            }
        });
        namespace.addConnectListener(client -> {
            Claims claims = client.get(CLAIMS);
            client.joinRoom("user:" + claims.getSubject());
            Object pharmacyId = claims.get("pharmacyId");
            if (pharmacyId instanceof String id) {
                client.joinRoom("pharmacy:" + id);
            }
        });
        server.start();

        PublishEndpoint endpoint = PublishEndpoint.start(httpPort, required("BENCH_API_KEY"), namespace);
        LOG.info("bare netty-socketio ready: socket 127.0.0.1:{}, http 127.0.0.1:{}", socketPort, httpPort);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            endpoint.close();
            server.stop();
        }, "bare-shutdown"));
        Thread.currentThread().join();
    }

    private static String required(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value;
    }
}
