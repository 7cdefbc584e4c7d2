package com.medsync.realtime.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.medsync.realtime.server.MedsyncServer;
import com.medsync.realtime.server.config.ConfigLoader;
import com.typesafe.config.ConfigFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A real MedSync node in the test's JVM, with the plugins a test chooses, on free loopback ports: what a
 * plugin author tests against. Clients reach it only through its ports, as they would in production.
 *
 * <pre>{@code
 * try (MedsyncTestServer server = MedsyncTestServer.builder()
 *         .plugin(PluginJar.builder("my-provider").dependsOn("dispatch").add(MyProvider.class).extension(MyProvider.class))
 *         .pluginJar(Path.of("target/deps/medsync-plugin-dispatch.jar"))
 *         .config("medsync.plugin-config.my-provider.api-key", "test")
 *         .start()) {
 *     TestSocket patient = server.connect(server.tokens().patient("patient_1"));
 *     patient.awaitConnect();
 *     server.publisher().publish("order:new", order);
 * }
 * }</pre>
 */
public final class MedsyncTestServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CANONICAL = "/patient-pharmacy";

    private final MedsyncServer server;
    private final TestTokens tokens;
    private final String apiKey;
    private final String adminToken;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private MedsyncTestServer(MedsyncServer server, TestTokens tokens, String apiKey, String adminToken) {
        this.server = server;
        this.tokens = tokens;
        this.apiKey = apiKey;
        this.adminToken = adminToken;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** @return the URL clients connect to for a namespace ({@code /} or {@code /patient-pharmacy}) */
    public String url(String namespace) {
        return "http://127.0.0.1:" + server.socketPort() + ("/".equals(namespace) ? "" : namespace);
    }

    public String canonicalUrl() {
        return url(CANONICAL);
    }

    public int socketPort() {
        return server.socketPort();
    }

    public int httpPort() {
        return server.httpPort();
    }

    /** @return tokens this server accepts */
    public TestTokens tokens() {
        return tokens;
    }

    /** @return a client of the publish API with this server's key */
    public PublishClient publisher() {
        return new PublishClient(server.httpPort(), apiKey);
    }

    /** Connects a Java Socket.IO client to the canonical namespace. */
    public TestSocket connect(String token) {
        return TestSocket.connect(canonicalUrl(), token);
    }

    /** Connects a Java Socket.IO client to a namespace. */
    public TestSocket connect(String namespace, String token) {
        return TestSocket.connect(url(namespace), token);
    }

    /** An admin API call ({@code GET /admin/plugins}, {@code POST /admin/phases/week3/apply}, ...). */
    public PublishClient.Response admin(String method, String path, String jsonBody) {
        return request(method, path, jsonBody, "Bearer " + adminToken);
    }

    /** Any HTTP call to the API port, without credentials (webhooks, health). */
    public PublishClient.Response http(String method, String path, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return send(request);
    }

    /** @return the state of one plugin as {@code GET /admin/plugins} reports it, such as {@code STARTED} */
    public String pluginState(String id) {
        for (JsonNode plugin : admin("GET", "/admin/plugins", null).body()) {
            if (id.equals(plugin.path("id").asText())) {
                return plugin.path("state").asText();
            }
        }
        throw new AssertionError("no plugin '" + id + "' is loaded");
    }

    private PublishClient.Response request(String method, String path, String body, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", authorization)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return send(request);
    }

    private PublishClient.Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isEmpty() ? JSON.missingNode() : parse(response.body());
            return new PublishClient.Response(response.statusCode(), body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return JSON.getNodeFactory().textNode(body);
        }
    }

    @Override
    public void close() {
        server.close();
    }

    /** What the server starts with. */
    public static final class Builder {

        private final List<Path> jars = new ArrayList<>();
        private final List<PluginJar.Builder> builtJars = new ArrayList<>();
        private final Map<String, Object> config = new HashMap<>();

        private Builder() {
        }

        /** A plugin jar to install. */
        public Builder pluginJar(Path jar) {
            jars.add(jar);
            return this;
        }

        /** A plugin built at start from classes on the test class path. */
        public Builder plugin(PluginJar.Builder plugin) {
            builtJars.add(plugin);
            return this;
        }

        /** Every jar of a directory. */
        public Builder pluginsFrom(Path dir) {
            try (var files = Files.list(dir)) {
                files.filter(file -> file.toString().endsWith(".jar")).sorted().forEach(jars::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        /** A setting by path, such as {@code medsync.plugin-config.chat.typing-timeout} or {@code medsync.phase}. */
        public Builder config(String path, Object value) {
            config.put(path, value);
            return this;
        }

        public MedsyncTestServer start() {
            try {
                Path pluginsDir = Files.createTempDirectory("medsync-test-plugins");
                Path stateDir = Files.createTempDirectory("medsync-test-state");
                for (Path jar : jars) {
                    Files.copy(jar, pluginsDir.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
                builtJars.forEach(plugin -> plugin.writeTo(pluginsDir));
                String secret = randomSecret();
                String apiKey = randomSecret();
                String adminToken = randomSecret();
                IllegalStateException lastFailure = null;
                // A free port can be taken between finding and binding it; a few tries make that moot.
                for (int attempt = 0; attempt < 3; attempt++) {
                    Map<String, Object> settings = new HashMap<>();
                    settings.put("medsync.bind", "127.0.0.1");
                    settings.put("medsync.socket.port", freePort());
                    settings.put("medsync.http.port", freePort());
                    settings.put("medsync.auth.jwt.secret", secret);
                    settings.put("medsync.api-key", apiKey);
                    settings.put("medsync.admin-token", adminToken);
                    settings.put("medsync.plugins.dir", pluginsDir.toString());
                    settings.put("medsync.state.dir", stateDir.toString());
                    settings.putAll(config);
                    try {
                        MedsyncServer server = MedsyncServer.start(
                                new ConfigLoader().load(ConfigFactory.parseMap(settings)));
                        return new MedsyncTestServer(server, new TestTokens(secret), apiKey, adminToken);
                    } catch (IllegalStateException e) {
                        lastFailure = e;
                    }
                }
                throw lastFailure;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static int freePort() {
            try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static String randomSecret() {
            byte[] bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        }
    }
}
