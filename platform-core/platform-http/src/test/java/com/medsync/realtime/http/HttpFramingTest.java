package com.medsync.realtime.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * How the server frames HTTP/1.1 requests on the wire, driven over raw sockets: message length
 * ({@code Content-Length}, chunked {@code Transfer-Encoding}, and the two together as a smuggling attempt),
 * header and request-line syntax, size limits, {@code Expect: 100-continue}, keep-alive, pipelining and requests
 * delivered a byte at a time.
 *
 * <p>Every error the server answers by itself carries the JSON body {@code {"error":{"code":...,"message":...}}};
 * after a framing error the connection is closed, because the server can no longer tell where the next request
 * starts. Requests are written as ISO-8859-1, so a {@code char} below 256 in a request string is sent as that one
 * byte.
 */
@Timeout(30)
class HttpFramingTest {

    private static final int MAX_BODY = 1024;
    private static final String BAD_REQUEST = "BAD_REQUEST";
    private static final String HEALTH = "GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n";
    private static final String UP = "{\"status\":\"UP\"}";

    private HttpApiServer server;

    @BeforeEach
    void start() {
        HttpHandler bodyLength = request -> HttpResponse.text(200, "text/plain; charset=utf-8",
                String.valueOf(request.body().length));
        Router router = new Router()
                .route("GET", "/health/live", request -> HttpResponse.json(200, Map.of("status", "UP")))
                .route("POST", "/echo", request -> HttpResponse.json(200, request.bodyAsJson()))
                .route("POST", "/len", bodyLength)
                .route("GET", "/len", bodyLength)
                .route("GET", "/header", request -> HttpResponse.text(200, "text/plain; charset=utf-8",
                        request.header("x-probe").orElse("absent")));
        server = HttpApiServer.start(new HttpServerSettings("127.0.0.1", 0, MAX_BODY, 4), router);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    // Message length

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Content-Length: 2\r\nTransfer-Encoding: chunked",
            "Transfer-Encoding: chunked\r\nContent-Length: 2"})
    void contentLengthTogetherWithChunkedIs400AndClosed(String framing) throws Exception {
        assertRejectedAndClosed("POST /echo HTTP/1.1\r\nHost: x\r\n" + framing + "\r\n\r\n2\r\n{}\r\n0\r\n\r\n",
                400, BAD_REQUEST);
    }

    /** Absent to one parser, present to another: an empty Transfer-Encoding beside a Content-Length. */
    @ParameterizedTest(name = "Transfer-Encoding: \"{0}\"")
    @ValueSource(strings = {"", ",", " , "})
    void anEmptyTransferEncodingIs400AndClosed(String coding) throws Exception {
        assertRejectedAndClosed("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: " + coding
                + "\r\nContent-Length: 2\r\n\r\n{}" + HEALTH, 400, BAD_REQUEST);
    }

    @Test
    void contentLengthsThatDisagreeAre400AndClosed() throws Exception {
        assertRejectedAndClosed("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{} ",
                400, BAD_REQUEST);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Content-Length: 5\r\nContent-Length: 5", "Content-Length: 5, 5"})
    void contentLengthsThatAgreeAreOneLengthAndKeepTheConnectionUsable(String framing) throws Exception {
        try (RawHttp wire = new RawHttp(server.port())) {
            wire.sendLatin1("POST /echo HTTP/1.1\r\nHost: x\r\n" + framing + "\r\n\r\n\"abc\"");

            RawHttp.Response echoed = wire.read();
            assertThat(echoed.status()).isEqualTo(200);
            assertThat(echoed.body()).isEqualTo("\"abc\"");
            wire.sendLatin1(HEALTH);
            assertOk(wire.read(), UP);
        }
    }

    @ParameterizedTest(name = "Content-Length: \"{0}\"")
    @ValueSource(strings = {"+5", "-1", "abc", "0x5", "", ",", "5 5", "5,"})
    void contentLengthThatIsNotDigitsIs400AndClosed(String length) throws Exception {
        assertRejectedAndClosed("POST /len HTTP/1.1\r\nHost: x\r\nContent-Length: " + length + "\r\n\r\nhello",
                400, BAD_REQUEST);
    }

    @Test
    void contentLengthOf25DigitsIs400Or413AndClosed() throws Exception {
        try (RawHttp wire = new RawHttp(server.port())) {
            wire.sendLatin1("POST /len HTTP/1.1\r\nHost: x\r\nContent-Length: 1234567890123456789012345\r\n\r\nhello");

            RawHttp.Response response = wire.read();

            assertThat(response.status()).isIn(400, 413);
            assertError(response, response.status(), response.status() == 400 ? BAD_REQUEST : "PAYLOAD_TOO_LARGE");
            assertThat(wire.closedByServer()).as("closed by the server").isTrue();
        }
    }

    @ParameterizedTest(name = "Transfer-Encoding: {0}")
    @ValueSource(strings = {"gzip", "gzip, chunked"})
    void transferCodingOtherThanChunkedIs501AndClosed(String coding) throws Exception {
        assertRejectedAndClosed("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: " + coding
                + "\r\n\r\n2\r\n{}\r\n0\r\n\r\n", 501, "NOT_IMPLEMENTED");
    }

    @ParameterizedTest(name = "Transfer-Encoding: {0}")
    @ValueSource(strings = {"Chunked", "CHUNKED", "cHuNkEd"})
    void chunkedIsRecognisedInAnyCase(String coding) throws Exception {
        try (RawHttp wire = new RawHttp(server.port())) {
            wire.sendLatin1("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: " + coding
                    + "\r\n\r\n7\r\n{\"a\":1}\r\n0\r\n\r\n");

            assertOk(wire.read(), "{\"a\":1}");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Transfer-Encoding: chunked, chunked",
            "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked"})
    void chunkedAppliedTwiceIs400AndClosed(String framing) throws Exception {
        assertRejectedAndClosed("POST /echo HTTP/1.1\r\nHost: x\r\n" + framing + "\r\n\r\n2\r\n{}\r\n0\r\n\r\n",
                400, BAD_REQUEST);
    }

    @Test
    void chunkedInAnHttp10RequestIs400AndClosed() throws Exception {
        assertRejectedAndClosed("POST /echo HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n",
                400, BAD_REQUEST);
    }

    // Chunked bodies

    @Test
    void chunkExtensionsAreIgnoredAndTheNextPipelinedRequestIsAnswered() throws Exception {
        try (RawHttp wire = new RawHttp(server.port())) {
            wire.sendLatin1("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "5;name=value\r\n{\"a\":\r\n3;flag;q=\"a b\"\r\n12}\r\n0;last=yes\r\n\r\n" + HEALTH);

            assertOk(wire.read(), "{\"a\":12}");
            assertOk(wire.read(), UP);
        }
    }

    @Test
    void trailerFieldsAfterTheLastChunkAreReadAndTheNextPipelinedRequestIsAnswered() throws Exception {
        try (RawHttp wire = new RawHttp(server.port())) {
            wire.sendLatin1("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "8\r\n{\"a\":12}\r\n0\r\nX-Trailer: t\r\nX-Other: u\r\n\r\n" + HEALTH);

            assertOk(wire.read(), "{\"a\":12}");
            assertOk(wire.read(), UP);
        }
    }

    @ParameterizedTest(name = "chunk size {0}")
    @ValueSource(strings = {"zz", "-1", "10000000000000000"})
    void invalidChunkSizeIs400AndClosed(String size) throws Exception {
        assertRejectedAndClosed("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                + size + "\r\n{}\r\n0\r\n\r\n", 400, BAD_REQUEST);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"{}XY\r\n0\r\n\r\n", "{}0\r\n\r\n", "{}\n0\r\n\r\n"})
    void chunkDataNotFollowedByCrlfIs400AndClosed(String afterSize) throws Exception {
        assertRejectedAndClosed("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n"
                + afterSize, 400, BAD_REQUEST);
    }

    /** RFC 9112 allows a bare LF in the head only; a proxy that takes one in chunk framing would frame another body. */
    @Test
    void aChunkSizeLineEndedByABareLfIs400AndClosed() throws Exception {
        assertRejectedAndClosed("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n2;\n{}\r\n"
                + "0\r\n\r\n" + HEALTH, 400, BAD_REQUEST);
    }

    /** A size near 2^63 after an accepted chunk must not wrap the running total below the limit. */
    @Test
    void aChunkSizeThatWouldOverflowTheBodyTotalIs413() throws Exception {
        try (RawHttp wire = new RawHttp(server.port())) {
            wire.sendLatin1("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nA\r\n"
                    + "7fffffffffffffff\r\n" + "a".repeat(4096));

            assertError(wire.read(), 413, "PAYLOAD_TOO_LARGE");
        }
    }

    @Test
    void chunkedBodyOverTheLimitIs413AndClosed() throws Exception {
        String chunk = "200\r\n" + "a".repeat(0x200) + "\r\n";
        try (RawHttp wire = new RawHttp(server.port())) {
            wire.sendLatin1("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + chunk.repeat(3) + "0\r\n\r\n");

            RawHttp.Response response = wire.read();

            assertError(response, 413, "PAYLOAD_TOO_LARGE");
            assertThat(response.header("Connection")).isEqualToIgnoringCase("close");
            assertThat(wire.closedByServer()).as("closed by the server").isTrue();
        }
    }

    // Header syntax

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Host : x", "Host: x\r\nX-Probe\t: 1"})
    void whitespaceBeforeTheHeaderColonIs400AndClosed(String headers) throws Exception {
        assertRejectedAndClosed("GET /header HTTP/1.1\r\n" + headers + "\r\n\r\n", 400, BAD_REQUEST);
    }

    @ParameterizedTest(name = "continued with [{0}]")
    @ValueSource(strings = {" ", "\t"})
    void obsoleteLineFoldingIs400AndClosed(String fold) throws Exception {
        assertRejectedAndClosed("GET /header HTTP/1.1\r\nHost: x\r\nX-Probe: a\r\n" + fold + "b\r\n\r\n",
                400, BAD_REQUEST);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"X(y: 1", "X/y: 1", "X\u00e9y: 1"})
    void headerNameWithACharacterOutsideTokenIs400AndClosed(String line) throws Exception {
        assertRejectedAndClosed(headerRequest(line), 400, BAD_REQUEST);
    }

    @Test
    void headerLineWithoutAColonIs400AndClosed() throws Exception {
        assertRejectedAndClosed(headerRequest("X-Probe"), 400, BAD_REQUEST);
    }

    @Test
    void nulInAHeaderValueIs400AndClosed() throws Exception {
        assertRejectedAndClosed(headerRequest("X-Probe: a\0b"), 400, BAD_REQUEST);
    }

    @Test
    void bareCrInAHeaderValueIs400AndClosed() throws Exception {
        assertRejectedAndClosed(headerRequest("X-Probe: a\rb"), 400, BAD_REQUEST);
    }

    @Test
    void obsTextInAHeaderValueReachesTheHandlerAsIso88591() throws Exception {
        try (RawHttp wire = new RawHttp(server.port())) {
            wire.sendLatin1(headerRequest("X-Probe: caf\u00e9 \u00ff\u0080!"));

            assertOk(wire.read(), "caf\u00e9 \u00ff\u0080!");
        }
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"X-Probe:", "X-Probe:   "})
    void emptyHeaderValueIsAcceptedAsEmpty(String line) throws Exception {
        try (RawHttp wire = new RawHttp(server.port())) {
            wire.sendLatin1(headerRequest(line));

            assertOk(wire.read(), "");
        }
    }

    @Test
    void headerNamesAreCaseInsensitiveForTheHandler() throws Exception {
        try (RawHttp wire = new RawHttp(server.port())) {
            wire.sendLatin1(headerRequest("x-PROBE: Mixed Case"));

            assertOk(wire.read(), "Mixed Case");
        }
    }

    // Line endings and the request line

    @Test
    void bareLfLineEndingsAreAccepted() throws Exception {
        try (RawHttp wire = new RawHttp(server.port())) {
            wire.sendLatin1("GET /health/live HTTP/1.1\nHost: x\n\n");

            assertOk(wire.read(), UP);
        }
    }

    @Test
    void emptyLinesBeforeTheRequestLineAreIgnored() throws Exception {
        try (RawHttp wire = new RawHttp(server.port())) {
            wire.sendLatin1("\r\n\r\n" + HEALTH);

            assertOk(wire.read(), UP);
        }
    }

    @Test
    void twoSpacesBetweenMethodAndTargetAre400AndClosed() throws Exception {
        assertRejectedAndClosed("GET  /health/live HTTP/1.1\r\nHost: x\r\n\r\n", 400, BAD_REQUEST);
    }

    @Test
    void requestLineWithoutAVersionIs400AndClosed() throws Exception {
        assertRejectedAndClosed("GET /health/live\r\nHost: x\r\n\r\n", 400, BAD_REQUEST);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"HTTP/2.0", "HTTP/3.0", "HTTP/0.9"})
    void versionOtherThanHttp1Is505AndClosed(String version) throws Exception {
        assertRejectedAndClosed("GET /health/live " + version + "\r\nHost: x\r\n\r\n", 505,
                "HTTP_VERSION_NOT_SUPPORTED");
    }

    /** RFC 9110, section 6.2: a later 1.x is answered as the highest 1.x the server speaks. */
    @Test
    void aLaterMinorVersionIsServedAsHttp11() throws Exception {
        try (RawHttp wire = new RawHttp(server.port())) {
            wire.sendLatin1("GET /health/live HTTP/1.2\r\nHost: x\r\n\r\nGET /health/live HTTP/1.1\r\nHost: x\r\n\r\n");
            assertOk(wire.read(), UP);
            assertOk(wire.read(), UP);
        }
    }

    @Test
    void malformedVersionIs400AndClosed() throws Exception {
        assertRejectedAndClosed("GET /health/live HTTX/1.1\r\nHost: x\r\n\r\n", 400, BAD_REQUEST);
    }

    @ParameterizedTest(name = "target [{0}]")
    @ValueSource(strings = {"/health/\0live", "/health/ live"})
    void targetWithANulOrASpaceIs400AndClosed(String target) throws Exception {
        assertRejectedAndClosed("GET " + target + " HTTP/1.1\r\nHost: x\r\n\r\n", 400, BAD_REQUEST);
    }

    @Test
    void requestLineOver4096BytesIs414AndClosed() throws Exception {
        assertRejectedAndClosed("GET /health/live?pad=" + "a".repeat(5_000) + " HTTP/1.1\r\nHost: x\r\n\r\n",
                414, "URI_TOO_LONG");
    }

    @Test
    void aRequestLineOfExactly4096BytesIsReadWhateverItsLineEnding() throws Exception {
        String line = "GET /len?pad=" + "a".repeat(4096 - "GET /len?pad= HTTP/1.1".length()) + " HTTP/1.1";
        assertThat(line).hasSize(4096);
        try (RawHttp wire = new RawHttp(server.port())) {
            wire.sendLatin1(line + "\r\nHost: x\r\n\r\n" + line + "\nHost: x\n\n");

            assertOk(wire.read(), "0");
            assertOk(wire.read(), "0");
        }
        assertRejectedAndClosed(line.replace("?pad=", "?pad=a") + "\nHost: x\n\n", 414, "URI_TOO_LONG");
    }

    @Test
    void oneHeaderPastTheHeaderLimitIs431AndClosed() throws Exception {
        assertRejectedAndClosed(headerRequest("X-Big: " + "b".repeat(9_000)), 431, "HEADERS_TOO_LARGE");
    }

    @Test
    void manySmallHeadersPastTheHeaderLimitAre431AndClosed() throws Exception {
        StringBuilder headers = new StringBuilder("Host: x");
        for (int i = 0; i < 400; i++) {
            headers.append(String.format(Locale.ROOT, "\r\nX-H%03d: 0123456789abcdef", i));
        }
        assertRejectedAndClosed("GET /header HTTP/1.1\r\n" + headers + "\r\n\r\n", 431, "HEADERS_TOO_LARGE");
    }

    // Expect: 100-continue

    @Test
    void expectContinueWithinTheLimitGets100ThenTheAnswer() throws Exception {
        try (RawHttp wire = new RawHttp(server.port())) {
            wire.sendLatin1("POST /echo HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 7\r\n\r\n");
            assertThat(wire.read().status()).isEqualTo(100);

            wire.sendLatin1("{\"a\":1}");

            assertOk(wire.read(), "{\"a\":1}");
        }
    }

    @Test
    void expectContinueOverTheLimitIs413BeforeTheBodyAndClosed() throws Exception {
        assertRejectedAndClosed("POST /echo HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: "
                + (MAX_BODY + 1) + "\r\n\r\n", 413, "PAYLOAD_TOO_LARGE");
    }

    @Test
    void unknownExpectationIs417AndClosed() throws Exception {
        assertRejectedAndClosed("POST /echo HTTP/1.1\r\nHost: x\r\nExpect: something-else\r\nContent-Length: 2"
                + "\r\n\r\n", 417, "EXPECTATION_FAILED");
    }

    @Test
    void http10ExpectContinueGetsNo100() throws Exception {
        try (RawHttp wire = new RawHttp(server.port())) {
            wire.sendLatin1("POST /echo HTTP/1.0\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n{}");

            assertOk(wire.read(), "{}");
        }
    }

    // Keep-alive

    @Test
    void http11KeepsTheConnectionOpenByDefault() throws Exception {
        try (RawHttp wire = new RawHttp(server.port())) {
            wire.sendLatin1(HEALTH);
            RawHttp.Response first = wire.read();
            assertOk(first, UP);
            assertThat(first.header("Connection")).isNotEqualToIgnoringCase("close");

            wire.sendLatin1(HEALTH);

            assertOk(wire.read(), UP);
        }
    }

    @Test
    void connectionCloseIsAnsweredWithCloseAndTheServerCloses() throws Exception {
        try (RawHttp wire = new RawHttp(server.port())) {
            wire.sendLatin1("GET /health/live HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

            RawHttp.Response response = wire.read();

            assertOk(response, UP);
            assertThat(response.header("Connection")).isEqualToIgnoringCase("close");
            assertThat(wire.closedByServer()).as("closed by the server").isTrue();
        }
    }

    @Test
    void http10WithKeepAliveKeepsTheConnectionOpen() throws Exception {
        String request = "GET /health/live HTTP/1.0\r\nConnection: keep-alive\r\n\r\n";
        try (RawHttp wire = new RawHttp(server.port())) {
            wire.sendLatin1(request);
            RawHttp.Response first = wire.read();
            assertOk(first, UP);
            assertThat(first.header("Connection")).isEqualToIgnoringCase("keep-alive");

            wire.sendLatin1(request);

            assertOk(wire.read(), UP);
        }
    }

    @ParameterizedTest(name = "Connection: {0}")
    @ValueSource(strings = {"keep-alive, close", "close, keep-alive", "Keep-Alive,CLOSE"})
    void closeAmongConnectionOptionsCloses(String options) throws Exception {
        try (RawHttp wire = new RawHttp(server.port())) {
            wire.sendLatin1("GET /health/live HTTP/1.1\r\nHost: x\r\nConnection: " + options + "\r\n\r\n");

            RawHttp.Response response = wire.read();

            assertOk(response, UP);
            assertThat(response.header("Connection")).isEqualToIgnoringCase("close");
            assertThat(wire.closedByServer()).as("closed by the server").isTrue();
        }
    }

    // Delivery

    @Test
    void requestsDeliveredOneByteAtATimeAreAnswered() throws Exception {
        try (RawHttp wire = new RawHttp(server.port())) {
            wire.trickle("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "5;name=value\r\n{\"a\":\r\n3\r\n12}\r\n0\r\n\r\n"
                    + "POST /len HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n\r\nabcd" + HEALTH);

            assertOk(wire.read(), "{\"a\":12}");
            assertOk(wire.read(), "4");
            assertOk(wire.read(), UP);
        }
    }

    @Test
    void threeRequestsInOneWriteAreAnsweredInOrder() throws Exception {
        try (RawHttp wire = new RawHttp(server.port())) {
            wire.sendLatin1("POST /len HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc"
                    + "POST /len HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nabcd\r\n3\r\nefg\r\n"
                    + "0\r\n\r\n" + HEALTH);

            assertOk(wire.read(), "3");
            assertOk(wire.read(), "7");
            assertOk(wire.read(), UP);
        }
    }

    @Test
    void bodyOfAGetIsReadAsItsBodyNotAsTheNextRequest() throws Exception {
        try (RawHttp wire = new RawHttp(server.port())) {
            wire.sendLatin1("GET /len HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello" + HEALTH);

            assertOk(wire.read(), "5");
            assertOk(wire.read(), UP);
        }
    }

    // Slow and half-closing clients

    @Test
    void aRequestNotCompleteWithinTheRequestTimeoutIs408AndClosed() throws Exception {
        try (HttpApiServer strict = serverWithTimeouts(Duration.ofMillis(300), Duration.ofSeconds(60));
                RawHttp wire = new RawHttp(strict.port())) {
            wire.sendLatin1("GET /health/live HTTP/1.1\r\nHo");

            assertError(wire.read(), 408, "REQUEST_TIMEOUT");
            assertThat(wire.closedByServer()).as("closed by the server").isTrue();
        }
    }

    @Test
    void aRequestWaitingBehindASlowerOneIsNotTimedOutForTheServersOwnDelay() throws Exception {
        try (HttpApiServer strict = serverWithTimeouts(Duration.ofMillis(300), Duration.ofMillis(300));
                RawHttp wire = new RawHttp(strict.port())) {
            wire.sendLatin1("GET /slow HTTP/1.1\r\nHost: x\r\n\r\nGET /health/live HTTP/1.1\r\nHo");
            assertOk(wire.read(), "slow");

            wire.sendLatin1("st: x\r\n\r\n");

            assertOk(wire.read(), UP);
        }
    }

    @Test
    void aClientThatHalfClosesAfterItsRequestsStillGetsTheAnswers() throws Exception {
        try (RawHttp wire = new RawHttp(server.port())) {
            wire.sendLatin1("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}" + HEALTH);
            wire.endOutput();

            assertOk(wire.read(), "{}");
            assertOk(wire.read(), UP);
            assertThat(wire.closedByServer()).as("closed by the server").isTrue();
        }
    }

    @Test
    void aConnectionWithoutARequestForTheIdleTimeoutIsClosed() throws Exception {
        try (HttpApiServer strict = serverWithTimeouts(Duration.ofSeconds(30), Duration.ofMillis(300));
                RawHttp quiet = new RawHttp(strict.port());
                RawHttp used = new RawHttp(strict.port())) {
            used.sendLatin1(HEALTH);
            assertOk(used.read(), UP);

            assertThat(quiet.closedByServer()).as("never used, closed").isTrue();
            assertThat(used.closedByServer()).as("idle after its answer, closed").isTrue();
        }
    }

    @Test
    void aRequestInTheServersHandsIsNotIdleness() throws Exception {
        try (HttpApiServer strict = serverWithTimeouts(Duration.ofSeconds(30), Duration.ofMillis(200));
                RawHttp wire = new RawHttp(strict.port())) {
            wire.sendLatin1("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n");

            assertOk(wire.read(), "slow");
        }
    }

    private HttpApiServer serverWithTimeouts(Duration requestTimeout, Duration idleTimeout) {
        Router router = new Router()
                .route("GET", "/health/live", request -> HttpResponse.json(200, Map.of("status", "UP")))
                .route("GET", "/slow", request -> {
                    Thread.sleep(600);
                    return HttpResponse.text(200, "text/plain", "slow");
                });
        return HttpApiServer.start(new HttpServerSettings("127.0.0.1", 0, MAX_BODY, 4, true,
                HttpServerSettings.defaultIoThreads(), requestTimeout, idleTimeout), router);
    }

    // Damaged requests

    /**
     * Valid requests with bytes replaced, dropped or repeated at random (a fixed seed, so a failure repeats): each
     * connection gets answers or is closed, never a hang or a 500, and the server serves a clean request after.
     */
    @Test
    void damagedRequestsAreAnsweredOrClosedAndTheServerServesOn() throws Exception {
        String[] samples = {HEALTH, "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 7\r\n\r\n{\"a\":1}",
                "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3;x=y\r\n{\"a\r\n4\r\n\":1}\r\n"
                        + "0\r\nT: 1\r\n\r\n"};
        Random random = new Random(20_261_207);
        for (int i = 0; i < 300; i++) {
            String request = damage(samples[i % samples.length] + HEALTH, random);
            try (RawHttp wire = new RawHttp(server.port())) {
                wire.sendLatin1(request);
                wire.endOutput(); // a request still waiting for bytes meets the end of the stream

                String answers = wire.readToClose();

                assertThat(answers).as("answers to %s", request).matches("(?s)(HTTP/1\\.1 [1-5]\\d\\d .*)?")
                        .doesNotContain("HTTP/1.1 500");
            }
        }
        try (RawHttp wire = new RawHttp(server.port())) {
            wire.sendLatin1(HEALTH);
            assertOk(wire.read(), UP);
        }
    }

    /** One to three damages: a byte replaced by any byte, a byte dropped, or a byte repeated. */
    private static String damage(String request, Random random) {
        StringBuilder damaged = new StringBuilder(request);
        for (int n = 1 + random.nextInt(3); n > 0; n--) {
            int at = random.nextInt(damaged.length());
            switch (random.nextInt(3)) {
                case 0 -> damaged.setCharAt(at, (char) random.nextInt(256));
                case 1 -> damaged.deleteCharAt(at);
                default -> damaged.insert(at, damaged.charAt(at));
            }
        }
        return damaged.toString();
    }

    // Helpers

    private static String headerRequest(String headerLine) {
        return "GET /header HTTP/1.1\r\nHost: x\r\n" + headerLine + "\r\n\r\n";
    }

    /** Sends {@code request} in one write and expects an error answer, then the server closing the connection. */
    private void assertRejectedAndClosed(String request, int status, String code) throws IOException {
        try (RawHttp wire = new RawHttp(server.port())) {
            wire.sendLatin1(request);

            assertError(wire.read(), status, code);
            assertThat(wire.closedByServer()).as("closed by the server").isTrue();
        }
    }

    private static void assertOk(RawHttp.Response response, String body) {
        assertThat(response.status()).as("status of a response with body %s", response.body()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(body);
    }

    private static void assertError(RawHttp.Response response, int status, String code) throws IOException {
        assertThat(response.status()).as("status of a response with body %s", response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).isEqualTo(HttpResponse.JSON_CONTENT_TYPE);
        JsonNode error = Json.mapper().readTree(response.body()).path("error");
        assertThat(error.path("code").asText()).isEqualTo(code);
        assertThat(error.path("message").isTextual()).isTrue();
    }
}
