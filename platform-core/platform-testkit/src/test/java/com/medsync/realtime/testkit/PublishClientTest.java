package com.medsync.realtime.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against the JDK's HTTP server, which records each request and answers what the test set up. */
class PublishClientTest {

    record Recorded(String method, String path, String authorization, String contentType, String body) {
    }

    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private volatile int answerStatus = 202;
    private volatile String answerBody = "{\"accepted\":true,\"duplicate\":false}";
    private HttpServer http;
    private int port;

    @BeforeEach
    void start() throws IOException {
        http = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        http.createContext("/", this::record);
        http.start();
        port = http.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        if (http != null) {
            http.stop(0);
        }
    }

    private void record(HttpExchange exchange) throws IOException {
        try (exchange) {
            requests.add(new Recorded(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            byte[] body = answerBody.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answerStatus, body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Test
    void publishPostsOneEnvelopeWithTheBearerKey() throws IOException {
        PublishClient.Response response = new PublishClient(port, "key-123")
                .publish("chat:message", Map.of("text", "hi"), "chat:room_1", "user:patient_1");

        assertThat(response.status()).isEqualTo(202);
        assertThat(response.body().get("accepted").asBoolean()).isTrue();
        assertThat(requests).singleElement().satisfies(request -> {
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.path()).isEqualTo("/api/v1/events");
            assertThat(request.authorization()).isEqualTo("Bearer key-123");
            assertThat(request.contentType()).isEqualTo("application/json");
            assertThat(ClientJson.MAPPER.readTree(request.body())).isEqualTo(ClientJson.MAPPER.readTree(
                    "{\"event\":\"chat:message\",\"data\":{\"text\":\"hi\"},\"to\":[\"chat:room_1\",\"user:patient_1\"]}"));
        });
    }

    @Test
    void withoutRoomsTheEnvelopeHasNoToAndDataMayBeATree() throws IOException {
        JsonNode data = ClientJson.MAPPER.readTree("{\"order\":{\"id\":\"o1\"},\"n\":null}");

        new PublishClient(port, "key-123").publish("order:new", data);

        assertThat(requests.get(0).body()).isEqualTo("{\"event\":\"order:new\",\"data\":{\"order\":{\"id\":\"o1\"},\"n\":null}}");
    }

    @Test
    void publishRawSendsTheBodyExactlyAndWithoutAKeyNoAuthorization() {
        String batch = "[{\"event\":\"a\",\"data\":{}}, {\"event\":\"b\",\"data\":{},\"extra\":1}]";
        answerStatus = 401;
        answerBody = "{\"error\":{\"code\":\"UNAUTHORIZED\",\"message\":\"missing or wrong key\"}}";

        PublishClient.Response response = new PublishClient(port, null).publishRaw(batch);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.body().at("/error/code").asText()).isEqualTo("UNAUTHORIZED");
        assertThat(requests.get(0).body()).isEqualTo(batch);
        assertThat(requests.get(0).authorization()).isNull();
    }

    @Test
    void bodiesThatAreNotJsonOrEmptyAreStillReported() {
        PublishClient client = new PublishClient(port, "k");
        answerStatus = 502;
        answerBody = "Bad Gateway";
        PublishClient.Response text = client.publishRaw("{}");
        answerStatus = 204;
        answerBody = "";
        PublishClient.Response empty = client.publishRaw("{}");

        assertThat(text.status()).isEqualTo(502);
        assertThat(text.body().isTextual()).isTrue();
        assertThat(text.body().asText()).isEqualTo("Bad Gateway");
        assertThat(empty.status()).isEqualTo(204);
        assertThat(empty.body().isMissingNode()).isTrue();
    }

    @Test
    void nothingListeningIsAnIoFailureNamingTheAddress() {
        http.stop(0);
        http = null;

        assertThatThrownBy(() -> new PublishClient(port, "k").publish("a", Map.of()))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("http://127.0.0.1:" + port + "/api/v1/events");
    }

    @Test
    void refusesAPortThatIsNone() {
        assertThatThrownBy(() -> new PublishClient(0, "k")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PublishClient(70_000, "k")).isInstanceOf(IllegalArgumentException.class);
    }
}
