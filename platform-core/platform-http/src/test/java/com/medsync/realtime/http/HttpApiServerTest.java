package com.medsync.realtime.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

/** The server over real HTTP on 127.0.0.1. */
@Timeout(30)
class HttpApiServerTest {

    private static final int MAX_BODY = 1024;
    private static final String TOKEN = "s3cret-admin-token-0123456789";

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private Router router;
    private HttpApiServer server;

    @BeforeEach
    void start() {
        router = new Router()
                .route("GET", "/health/live", request -> HttpResponse.json(200, Map.of("status", "UP")))
                .route("POST", "/admin/plugins/{id}/start", request -> HttpResponse.json(200, Map.of(
                        "id", request.pathParam("id").orElseThrow(),
                        "dryRun", request.queryParam("dryRun").orElse("absent"))))
                .route("POST", "/echo", request -> HttpResponse.json(200, request.bodyAsJson()))
                .route("GET", "/admin/stats", request -> {
                    BearerAuth.require(request, TOKEN);
                    return HttpResponse.json(200, Map.of("connections", 0));
                })
                .route("GET", "/boom", request -> {
                    throw new IllegalStateException("secret internal detail");
                })
                .route("GET", "/thread", request -> HttpResponse.text(200, "text/plain; charset=utf-8",
                        Thread.currentThread().getName()));
        server = HttpApiServer.start(new HttpServerSettings("127.0.0.1", 0, MAX_BODY, 4), router);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + server.port() + pathAndQuery);
    }

    private java.net.http.HttpResponse<String> get(String path, String... headers) throws Exception {
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(uri(path)).GET()
                .timeout(Duration.ofSeconds(10));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return client.send(request.build(), BodyHandlers.ofString());
    }

    private java.net.http.HttpResponse<String> post(String path, java.net.http.HttpRequest.BodyPublisher body)
            throws Exception {
        return client.send(java.net.http.HttpRequest.newBuilder(uri(path)).POST(body)
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json").build(),
                BodyHandlers.ofString());
    }

    private static JsonNode json(java.net.http.HttpResponse<String> response) throws IOException {
        return Json.mapper().readTree(response.body());
    }

    private static void assertError(java.net.http.HttpResponse<String> response, int status, String code)
            throws IOException {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(HttpResponse.JSON_CONTENT_TYPE);
        JsonNode body = json(response);
        assertThat(body.path("error").path("code").asText()).isEqualTo(code);
        assertThat(body.path("error").path("message").isTextual()).isTrue();
    }

    @Test
    void routesWithPathAndQueryParameters() throws Exception {
        var response = post("/admin/plugins/chat%20plugin/start?dryRun=true", BodyPublishers.noBody());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        assertThat(json(response).path("id").asText()).isEqualTo("chat plugin");
        assertThat(json(response).path("dryRun").asText()).isEqualTo("true");
        assertThat(get("/health/live").body()).isEqualTo("{\"status\":\"UP\"}");
    }

    @Test
    void unknownPathIs404() throws Exception {
        var response = get("/nope");

        assertError(response, 404, "NOT_FOUND");
        assertError(get("/health/live/"), 404, "NOT_FOUND");
    }

    @Test
    void knownPathWithOtherMethodIs405WithAllow() throws Exception {
        var response = post("/health/live", BodyPublishers.ofString("{}"));

        assertError(response, 405, "METHOD_NOT_ALLOWED");
        assertThat(response.headers().firstValue("Allow")).hasValue("GET");
    }

    @Test
    void bodyOverTheLimitWithContentLengthIs413() throws Exception {
        var response = post("/echo", BodyPublishers.ofByteArray(new byte[MAX_BODY * 4]));

        assertError(response, 413, "PAYLOAD_TOO_LARGE");
        assertThat(json(response).path("error").path("message").asText()).isEqualTo("body exceeds 1024 bytes");
    }

    @Test
    void chunkedBodyOverTheLimitIs413() throws Exception {
        byte[] big = new byte[MAX_BODY * 64];
        // An input-stream publisher has no known length, so HttpClient sends it chunked.
        var response = post("/echo", BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)));

        assertError(response, 413, "PAYLOAD_TOO_LARGE");
    }

    @Test
    void bodyOverTheLimitWithExpectContinueIs413BeforeTheBodyIsSent() throws Exception {
        // Raw, because JDK 17's HttpClient waits forever when an expectation is answered with a final status.
        try (RawHttp raw = new RawHttp(server.port())) {
            raw.send("POST /echo HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: "
                    + (MAX_BODY + 1) + "\r\n\r\n");

            RawHttp.Response response = raw.read();

            assertThat(response.status()).isEqualTo(413);
            assertThat(Json.mapper().readTree(response.body()).path("error").path("code").asText())
                    .isEqualTo("PAYLOAD_TOO_LARGE");
            assertThat(raw.closedByServer()).isTrue();
        }
    }

    @Test
    void bodyWithinTheLimitWithExpectContinueGetsContinue() throws Exception {
        try (RawHttp raw = new RawHttp(server.port())) {
            raw.send("POST /echo HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n");
            assertThat(raw.read().status()).isEqualTo(100);

            raw.send("{}");

            assertThat(raw.read().body()).isEqualTo("{}");
        }
    }

    @Test
    void bodyAtTheLimitIsAccepted() throws Exception {
        String padded = "\"" + "x".repeat(MAX_BODY - 2) + "\"";

        var response = post("/echo", BodyPublishers.ofString(padded));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(padded);
    }

    @Test
    void oversizedBodyIsAnsweredThenTheConnectionCloses() throws Exception {
        try (RawHttp raw = new RawHttp(server.port())) {
            raw.send("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "800\r\n" + "a".repeat(0x800) + "\r\n" + "0\r\n\r\n");

            RawHttp.Response response = raw.read();

            assertThat(response.status()).isEqualTo(413);
            assertThat(response.header("Connection")).isEqualTo("close");
            assertThat(raw.closedByServer()).isTrue();
        }
    }

    @Test
    void malformedJsonIs400WithTheErrorShape() throws Exception {
        var response = post("/echo", BodyPublishers.ofString("{\"event\": "));

        assertError(response, 400, "MALFORMED_JSON");
        assertThat(json(response).path("error").path("message").asText()).startsWith("malformed JSON: ");
        assertThat(json(response).path("error").size()).isEqualTo(2);
        assertError(post("/echo", BodyPublishers.noBody()), 400, "MALFORMED_JSON");
    }

    @Test
    void wellFormedJsonIsEchoed() throws Exception {
        var response = post("/echo", BodyPublishers.ofString("{\"event\":\"order:new\",\"data\":{\"n\":1}}"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).path("data").path("n").asInt()).isEqualTo(1);
    }

    @Test
    void bearerAuthRejectsMissingAndWrongTokensWithoutEchoingThem() throws Exception {
        var missing = get("/admin/stats");
        var wrong = get("/admin/stats", "Authorization", "Bearer guess-" + TOKEN);
        var right = get("/admin/stats", "Authorization", "Bearer " + TOKEN);

        assertError(missing, 401, "UNAUTHORIZED");
        assertThat(missing.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(json(missing).path("error").path("message").asText()).contains("missing");
        assertError(wrong, 401, "UNAUTHORIZED");
        assertThat(wrong.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(json(wrong).path("error").path("message").asText()).contains("invalid");
        assertThat(wrong.body()).doesNotContain(TOKEN).doesNotContain("guess");
        assertThat(right.statusCode()).isEqualTo(200);
    }

    @Test
    void handlerExceptionIs500WithoutDetailsAndIsLogged() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(Dispatcher.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            var response = get("/boom");

            assertError(response, 500, "INTERNAL");
            assertThat(json(response).path("error").path("message").asText()).isEqualTo("internal error");
            assertThat(response.body()).doesNotContain("secret").doesNotContain("IllegalState");
            assertThat(appender.list).anySatisfy(event -> {
                assertThat(event.getLevel()).isEqualTo(Level.ERROR);
                assertThat(event.getThrowableProxy().getMessage()).isEqualTo("secret internal detail");
            });
        } finally {
            logger.detachAppender(appender);
        }
    }

    @Test
    void handlersRunOnTheHandlerPoolNotTheEventLoop() throws Exception {
        assertThat(get("/thread").body()).matches("medsync-http-\\d+");
    }

    @Test
    void aNetworkThreadRouteRunsWithoutAHandOffAndItsFailuresAreStill500() throws Exception {
        router.routeOnNetworkThread("GET", "/inline/thread", request -> HttpResponse.text(200,
                        "text/plain; charset=utf-8", Thread.currentThread().getName()))
                .routeOnNetworkThread("GET", "/inline/boom", request -> {
                    throw new IllegalStateException("secret internal detail");
                });

        assertThat(get("/inline/thread").body()).startsWith("medsync-http-io-");
        var failed = get("/inline/boom");
        assertError(failed, 500, "INTERNAL");
        assertThat(failed.body()).doesNotContain("secret");
        assertThat(get("/thread").body()).matches("medsync-http-\\d+");
    }

    @Test
    void pipelinedRequestsToNetworkThreadAndPoolRoutesAreAnsweredInOrder() throws Exception {
        router.routeOnNetworkThread("GET", "/inline/thread", request -> HttpResponse.text(200,
                "text/plain; charset=utf-8", Thread.currentThread().getName()));
        StringBuilder pipelined = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            pipelined.append("GET ").append(i % 2 == 0 ? "/inline/thread" : "/thread")
                    .append(" HTTP/1.1\r\nHost: x\r\n\r\n");
        }
        try (RawHttp raw = new RawHttp(server.port())) {
            raw.send(pipelined.toString());

            for (int i = 0; i < 20; i++) {
                String thread = raw.read().body();
                assertThat(thread).as("response %d", i)
                        .matches(i % 2 == 0 ? "medsync-http-io-\\d+-\\d+" : "medsync-http-\\d+");
            }
        }
    }

    @Test
    void keepAliveServesSeveralRequestsOnOneConnection() throws Exception {
        try (RawHttp raw = new RawHttp(server.port())) {
            for (int i = 0; i < 3; i++) {
                raw.send("GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n");
                RawHttp.Response response = raw.read();
                assertThat(response.status()).isEqualTo(200);
                assertThat(response.body()).isEqualTo("{\"status\":\"UP\"}");
            }
            raw.send("GET /nope HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(raw.read().status()).isEqualTo(404);
            raw.send("GET /health/live HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            RawHttp.Response last = raw.read();
            assertThat(last.status()).isEqualTo(200);
            assertThat(last.header("Connection")).isEqualTo("close");
            assertThat(raw.closedByServer()).isTrue();
        }
    }

    @Test
    void pipelinedResponsesKeepRequestOrder() throws Exception {
        CountDownLatch slowStarted = new CountDownLatch(1);
        router.route("GET", "/slow", request -> {
            slowStarted.countDown();
            Thread.sleep(300);
            return HttpResponse.text(200, "text/plain", "slow");
        });
        try (RawHttp raw = new RawHttp(server.port())) {
            raw.send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\nGET /thread HTTP/1.1\r\nHost: x\r\n\r\n");

            assertThat(raw.read().body()).isEqualTo("slow");
            assertThat(raw.read().body()).startsWith("medsync-http-");
        }
    }

    @Test
    void pipelinedResponsesAreWrittenByteForByteAndAHeadAnswerHasNoBody() throws Exception {
        try (RawHttp raw = new RawHttp(server.port())) {
            raw.send("GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "HEAD /health/live HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "GET /health/live HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

            String ok = "HTTP/1.1 200 OK\r\nContent-Type: application/json; charset=utf-8\r\n"
                    + "content-length: 15\r\n";
            // No route takes HEAD: its 405 says how long its body is, and leaves it out.
            String notAllowed = "HTTP/1.1 405 Method Not Allowed\r\nAllow: GET\r\n"
                    + "Content-Type: application/json; charset=utf-8\r\ncontent-length: 76\r\n";
            assertThat(raw.readToClose()).isEqualTo(
                    ok + "connection: keep-alive\r\n\r\n{\"status\":\"UP\"}"
                    + notAllowed + "connection: keep-alive\r\n\r\n"
                    + ok + "connection: close\r\n\r\n{\"status\":\"UP\"}");
        }
    }

    @Test
    void aContinueBeforeABodyAndTheResponsesAroundItKeepTheirOrder() throws Exception {
        try (RawHttp raw = new RawHttp(server.port())) {
            raw.send("GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(raw.read().status()).isEqualTo(200);
            raw.send("POST /echo HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n");
            assertThat(raw.read().status()).isEqualTo(100);
            raw.send("{}GET /health/live HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

            RawHttp.Response echoed = raw.read();
            assertThat(echoed.status()).isEqualTo(200);
            assertThat(echoed.body()).isEqualTo("{}");
            assertThat(raw.read().body()).isEqualTo("{\"status\":\"UP\"}");
            assertThat(raw.closedByServer()).isTrue();
        }
    }

    @Test
    void aContinueWaitsForTheResponseToTheRequestBeforeIt() throws Exception {
        router.route("GET", "/slow", request -> {
            Thread.sleep(300);
            return HttpResponse.text(200, "text/plain", "slow");
        });
        try (RawHttp raw = new RawHttp(server.port())) {
            raw.send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "POST /echo HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n");

            assertThat(raw.read().body()).isEqualTo("slow");
            assertThat(raw.read().status()).isEqualTo(100);
            raw.send("{}");
            assertThat(raw.read().body()).isEqualTo("{}");
        }
    }

    @Test
    void malformedHttpIs400AndClosed() throws Exception {
        try (RawHttp raw = new RawHttp(server.port())) {
            raw.send("GET /health/live HTTP/1.1\r\nHost: x\r\nContent-Length: nope\r\n\r\n");

            RawHttp.Response response = raw.read();

            assertThat(response.status()).isEqualTo(400);
            assertThat(Json.mapper().readTree(response.body()).path("error").path("code").asText())
                    .isEqualTo("BAD_REQUEST");
            assertThat(raw.closedByServer()).isTrue();
        }
    }

    @Test
    void oversizedHeadersAre431AndClosed() throws Exception {
        try (RawHttp raw = new RawHttp(server.port())) {
            raw.send("GET /health/live HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(16_384) + "\r\n\r\n");

            RawHttp.Response response = raw.read();

            assertThat(response.status()).isEqualTo(431);
            assertThat(raw.closedByServer()).isTrue();
        }
    }

    @Test
    void http10WithoutKeepAliveIsClosedAfterTheResponse() throws Exception {
        try (RawHttp raw = new RawHttp(server.port())) {
            raw.send("GET /health/live HTTP/1.0\r\n\r\n");

            RawHttp.Response response = raw.read();

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("Connection")).isEqualTo("close");
            assertThat(raw.closedByServer()).isTrue();
        }
    }

    @Test
    void badPercentEscapeIs400() throws Exception {
        try (RawHttp raw = new RawHttp(server.port())) {
            raw.send("GET /health/%zz HTTP/1.1\r\nHost: x\r\n\r\n");

            assertThat(raw.read().status()).isEqualTo(400);
        }
    }

    @Test
    void routesCanBeAddedAndRemovedAtRuntime() throws Exception {
        assertThat(get("/webhooks/dispatch/acme").statusCode()).isEqualTo(404);

        router.route("GET", "/webhooks/dispatch/{provider}",
                request -> HttpResponse.text(200, "text/plain", request.pathParam("provider").orElseThrow()));
        var added = get("/webhooks/dispatch/acme");
        router.unroute("GET", "/webhooks/dispatch/{provider}");
        var removed = get("/webhooks/dispatch/acme");

        assertThat(added.statusCode()).isEqualTo(200);
        assertThat(added.body()).isEqualTo("acme");
        assertError(removed, 404, "NOT_FOUND");
    }

    @Test
    void aBlockedHandlerDoesNotStallOtherRequests() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch entered = new CountDownLatch(2);
        router.route("GET", "/block", request -> {
            entered.countDown();
            release.await(10, TimeUnit.SECONDS);
            return HttpResponse.empty(204);
        });
        List<CompletableFuture<java.net.http.HttpResponse<String>>> blocked = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            blocked.add(client.sendAsync(java.net.http.HttpRequest.newBuilder(uri("/block")).build(),
                    BodyHandlers.ofString()));
        }
        assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();

        long started = System.nanoTime();
        var fast = get("/health/live");
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        assertThat(fast.statusCode()).isEqualTo(200);
        assertThat(tookMillis).isLessThan(2_000);
        assertThat(blocked).noneMatch(CompletableFuture::isDone);
        release.countDown();
        for (var future : blocked) {
            assertThat(future.get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(204);
        }
    }

    @Test
    void closeReleasesThePort() throws Exception {
        int port = server.port();
        get("/health/live"); // leave a keep-alive connection open in the client's pool

        server.close();

        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new java.net.InetSocketAddress(InetAddress.getByName("127.0.0.1"), port));
        }
        server = HttpApiServer.start(new HttpServerSettings("127.0.0.1", port, MAX_BODY, 1), router);
        assertThat(server.port()).isEqualTo(port);
        assertThat(get("/health/live").statusCode()).isEqualTo(200);
    }

    @Test
    void closeIsIdempotent() {
        server.close();
        server.close();
    }

    @Test
    void bindFailureNamesTheAddress() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();

            assertThatThrownBy(() -> HttpApiServer.start(
                    new HttpServerSettings("127.0.0.1", port, MAX_BODY, 1), router))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("127.0.0.1:" + port);
        }
    }
}
