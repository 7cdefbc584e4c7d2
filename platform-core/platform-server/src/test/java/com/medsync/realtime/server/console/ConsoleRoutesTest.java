package com.medsync.realtime.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.medsync.realtime.http.HttpApiServer;
import com.medsync.realtime.http.HttpServerSettings;
import com.medsync.realtime.http.Router;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The console's files and login on a real HTTP server: what a browser gets, headers included. */
class ConsoleRoutesTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static HttpApiServer server;

    @BeforeAll
    static void start() {
        Router router = new Router();
        Console.create("the-admin-token", false, Duration.ofMinutes(30), 5, new AuditTrail("node-1")).routeOn(router);
        server = HttpApiServer.start(new HttpServerSettings("127.0.0.1", 0, 65536, 2, false), router);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertSecurityHeaders(HttpResponse<String> response) {
        assertThat(response.headers().firstValue("Content-Security-Policy")).hasValue(
                "default-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
    }

    @Test
    void theIndexAndItsFilesComeWithTheirContentTypesAndSecurityHeaders() throws Exception {
        HttpResponse<String> index = get("/console/");
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(index.body()).contains("<script type=\"module\" src=\"app.js\"></script>");
        assertSecurityHeaders(index);

        String[][] files = {{"app.js", "text/javascript; charset=utf-8"}, {"console.css", "text/css; charset=utf-8"},
                {"icon.svg", "image/svg+xml; charset=utf-8"}, {"index.html", "text/html; charset=utf-8"}};
        for (String[] file : files) {
            HttpResponse<String> response = get("/console/" + file[0]);
            assertThat(response.statusCode()).as(file[0]).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).as(file[0]).hasValue(file[1]);
            assertThat(response.headers().firstValue("Cache-Control")).as(file[0]).hasValue("no-cache");
            assertSecurityHeaders(response);
        }
    }

    @Test
    void anUnchangedFileIsA304ForTheTagTheBrowserHas() throws Exception {
        String etag = get("/console/app.js").headers().firstValue("ETag").orElseThrow();
        assertThat(etag).matches("\"[A-Za-z0-9_-]{22}\"");

        HttpResponse<String> again = get("/console/app.js", "If-None-Match", etag);
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(again.headers().firstValue("ETag")).hasValue(etag);

        assertThat(get("/console/app.js", "If-None-Match", "\"stale\"").statusCode()).isEqualTo(200);
    }

    @Test
    void theConsoleWithoutItsSlashIsRedirected() throws Exception {
        HttpResponse<String> response = get("/console");

        assertThat(response.statusCode()).isEqualTo(301);
        assertThat(response.headers().firstValue("Location")).hasValue("/console/");
    }

    @Test
    void nothingOutsideTheConsoleFolderOrOfAnotherKindIsServed() throws Exception {
        for (String path : new String[] {"/console/..%2Freference.conf", "/console/%2e%2e%2flogback.xml",
                "/console/missing.js", "/console/logback.xml", "/console/App.js", "/console/.hidden.js",
                "/console/app.js%00.css"}) {
            HttpResponse<String> response = get(path);
            assertThat(response.statusCode()).as(path).isIn(400, 404);
            assertSecurityHeaders(response);
        }
        assertThat(get("/console/..%2Freference.conf").body()).doesNotContain("medsync");
    }

    @Test
    void theLoginAnswersWithTheSecurityHeadersToo() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + "/console/session"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"token\":\"wrong\",\"operator\":\"x\"}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(response.body()).contains("wrong admin token");
        assertSecurityHeaders(response);
    }
}
