package com.medsync.realtime.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HttpRequestTest {

    private static HttpRequest withBody(String body) {
        return HttpRequest.builder("POST", "/api/v1/events").body(body).build();
    }

    @Test
    void headersAreCaseInsensitive() {
        HttpRequest request = HttpRequest.builder("GET", "/").header("X-Api-Key", "k").build();

        assertThat(request.header("x-api-key")).hasValue("k");
        assertThat(request.header("X-API-KEY")).hasValue("k");
        assertThat(request.header("missing")).isEmpty();
    }

    @Test
    void withHeaderReplacesEveryValueTheClientSentAndKeepsTheRest() {
        HttpRequest sent = HttpRequest.builder("POST", "/admin/plugins").header("X-Medsync-Operator", "mallory")
                .header("x-medsync-operator", "eve").header("Authorization", "Bearer t").remoteAddress("10.0.0.7")
                .body("{}").build();

        HttpRequest vouched = sent.withHeader("X-Medsync-Operator", "console:alice");

        assertThat(vouched.header("x-medsync-operator")).hasValue("console:alice");
        assertThat(vouched.header("Authorization")).hasValue("Bearer t");
        assertThat(vouched.remoteAddress()).isEqualTo("10.0.0.7");
        assertThat(vouched.bodyAsString()).isEqualTo("{}");
        assertThat(sent.header("X-Medsync-Operator")).hasValue("mallory");
    }

    @Test
    void parsesJsonBodies() {
        assertThat(withBody("[{\"event\":\"a\"}]").bodyAsJson().get(0).path("event").asText()).isEqualTo("a");
    }

    @Test
    void malformedJsonIsA400Problem() {
        assertThatThrownBy(() -> withBody("{\"event\": ").bodyAsJson())
                .isInstanceOfSatisfying(HttpProblem.class, problem -> {
                    assertThat(problem.status()).isEqualTo(400);
                    assertThat(problem.code()).isEqualTo("MALFORMED_JSON");
                    assertThat(problem.getMessage()).startsWith("malformed JSON: ").hasSizeLessThan(260)
                            .doesNotContain("REDACTED").doesNotContain("\n");
                });
    }

    @Test
    void emptyBlankAndTrailingGarbageAreMalformed() {
        for (String body : new String[] {"", "   ", "{} {}", "{\"a\":1} x"}) {
            assertThatThrownBy(() -> withBody(body).bodyAsJson()).as("<%s>", body)
                    .isInstanceOfSatisfying(HttpProblem.class,
                            problem -> assertThat(problem.getMessage()).startsWith("malformed JSON: "));
        }
    }

    @Test
    void bodyIsCopied() {
        HttpRequest request = withBody("abc");

        request.body()[0] = 'x';

        assertThat(request.bodyAsString()).isEqualTo("abc");
    }

    @Test
    void queryAndPathParameters() {
        HttpRequest request = HttpRequest.builder("GET", "/x").queryParam("a", "1").queryParam("a", "2")
                .pathParam("id", "7").build();

        assertThat(request.queryParam("a")).hasValue("1");
        assertThat(request.queryParam("b")).isEmpty();
        assertThat(request.pathParam("id")).hasValue("7");
    }
}
