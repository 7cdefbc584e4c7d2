package com.medsync.realtime.it.conformance;

import com.medsync.realtime.it.support.FreePorts;
import com.medsync.realtime.server.MedsyncServer;
import com.medsync.realtime.server.PlatformVersion;
import com.medsync.realtime.server.config.ConfigLoader;
import com.medsync.realtime.spi.auth.Authenticator;
import com.medsync.realtime.spi.auth.Principal;
import com.medsync.realtime.spi.auth.Role;
import com.medsync.realtime.testkit.PluginJar;
import com.typesafe.config.ConfigFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the real MedSync stack as the server of the official Socket.IO protocol test suite
 * (socketio/socket.io-protocol, {@code test-suite/}): path {@code /socket.io/}, pingInterval 300 ms,
 * pingTimeout 200 ms, maxPayload 1000000, connectTimeout 1000 ms, on 127.0.0.1 only, every CONNECT accepted, and the
 * {@link ConformanceFeature} plugin serving {@code /} and {@code /custom}.
 *
 * <p>Usage: {@code ConformanceServer PORT [auth-namespaces]}, where the optional second argument is a
 * comma-separated list of the namespaces that emit {@code auth} on connect (default {@code /,/custom}, as the
 * suite's reference server). Runs until killed. Started by {@code scripts/conformance-server}.
 *
 * <p>Test fixture only: the permissive authenticator is passed through the test-only
 * {@code MedsyncServer.start(Config, String, Optional<Authenticator>)} overload and is not reachable from
 * configuration.
 */
public final class ConformanceServer {

    static final String JWT_SECRET = "conformance-jwt-secret-of-at-least-32-bytes";
    static final String API_KEY = "conformance-api-key";
    static final String ADMIN_TOKEN = "conformance-admin-token";

    private ConformanceServer() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: ConformanceServer PORT [auth-namespaces, default /,/custom]");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        List<String> authNamespaces = List.of((args.length > 1 ? args[1] : "/," + ConformanceFeature.CUSTOM_NAMESPACE)
                .split(","));
        MedsyncServer server;
        try {
            server = start(port, authNamespaces);
        } catch (RuntimeException e) {
            // Threads a failed start left behind (netty's event loops) must not keep the JVM alive.
            System.err.println("Conformance server did not start: " + e.getMessage());
            e.printStackTrace();
            System.exit(1);
            return;
        }
        System.out.println("Conformance server (MedSync " + PlatformVersion.current() + ") on http://"
                + server.bindHost() + ":" + server.socketPort() + "/socket.io/ ; HTTP API on port "
                + server.httpPort());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "conformance-shutdown"));
        stopped.await();
    }

    /** Starts the server; the caller closes it. */
    public static MedsyncServer start(int port, List<String> authNamespaces) throws IOException {
        return start(port, authNamespaces, Map.of());
    }

    /**
     * Starts the server with some settings changed (for tests that need the fixture's events but not the
     * suite's tight heartbeat); the caller closes it.
     */
    public static MedsyncServer start(int port, List<String> authNamespaces, Map<String, Object> overrides)
            throws IOException {
        Path pluginsDir = Files.createTempDirectory("medsync-conformance-plugins");
        Path stateDir = Files.createTempDirectory("medsync-conformance-state");
        pluginsDir.toFile().deleteOnExit();
        stateDir.toFile().deleteOnExit();
        Path jar = PluginJar.builder(ConformanceFeature.PLUGIN_ID)
                .description("Reference server of the Socket.IO protocol test suite (test fixture)")
                .extension(ConformanceFeature.class)
                .writeTo(pluginsDir);
        jar.toFile().deleteOnExit();

        Map<String, Object> settings = new HashMap<>();
        settings.put("medsync.bind", FreePorts.LOOPBACK);
        settings.put("medsync.socket.port", port);
        settings.put("medsync.socket.ping-interval", "300ms");
        settings.put("medsync.socket.ping-timeout", "200ms");
        settings.put("medsync.socket.max-payload-bytes", 1_000_000);
        // The reference server's connectTimeout: an Engine.IO connection with no Socket.IO CONNECT is closed.
        settings.put("medsync.socket.connect-timeout", "1s");
        // The suite expects a CONNECT answer with a sid only, and events exactly as emitted (no offset).
        settings.put("medsync.recovery.enabled", false);
        settings.put("medsync.http.port", FreePorts.find());
        settings.put("medsync.auth.jwt.secret", JWT_SECRET);
        settings.put("medsync.api-key", API_KEY);
        settings.put("medsync.admin-token", ADMIN_TOKEN);
        settings.put("medsync.plugins.dir", pluginsDir.toString());
        settings.put("medsync.state.dir", stateDir.toString());
        settings.put("medsync.plugin-config." + ConformanceFeature.PLUGIN_ID + ".auth-namespaces", authNamespaces);
        settings.putAll(overrides);

        return MedsyncServer.start(new ConfigLoader().load(ConfigFactory.parseMap(settings)),
                PlatformVersion.current(), Optional.of(permissiveAuthenticator()));
    }

    /**
     * Accepts every CONNECT: a fresh valid user id (so per-user connection limits never bite), role patient,
     * valid for a year, and the handshake's auth payload as claims (entries with a null value are dropped:
     * {@link Principal} copies claims with {@code Map.copyOf}, which refuses nulls).
     */
    static Authenticator permissiveAuthenticator() {
        return handshake -> {
            Map<String, Object> claims = new LinkedHashMap<>();
            handshake.auth().forEach((key, value) -> {
                if (key != null && value != null) {
                    claims.put(key, value);
                }
            });
            String userId = "conformance_" + UUID.randomUUID().toString().replace("-", "");
            return new Principal(userId, Role.PATIENT, Optional.empty(), Set.of(),
                    Instant.now().plus(365, ChronoUnit.DAYS), claims);
        };
    }
}
