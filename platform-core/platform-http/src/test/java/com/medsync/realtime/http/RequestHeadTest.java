package com.medsync.realtime.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The head parser on its own; {@code HttpFramingTest} covers the same rules over sockets. */
class RequestHeadTest {

    private static RequestHead parse(String head) {
        return RequestHead.parse(head.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void aRepeatedNameKeepsEveryValueInOrderAndTheListsAreReadOnly() {
        String repeated = "a: x\r\n".repeat(1_300) + "A: last\r\n";

        RequestHead head = parse("GET / HTTP/1.1\r\nHost: x\r\n" + repeated + "\r\n");

        List<String> values = head.headers().get("a");
        assertThat(values).hasSize(1_301).endsWith("last");
        assertThatThrownBy(() -> values.add("more")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> head.headers().get("host").add("y"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void framingIsReadFromTheHeaders() {
        RequestHead chunked = parse("POST /e HTTP/1.1\r\nTransfer-Encoding: Chunked\r\nExpect: 100-Continue\r\n\r\n");
        RequestHead fixed = parse("POST /e HTTP/1.0\nContent-Length: 5, 5\nConnection: Keep-Alive\n\n");

        assertThat(chunked.chunked()).isTrue();
        assertThat(chunked.contentLength()).isEqualTo(-1);
        assertThat(chunked.expectContinue()).isTrue();
        assertThat(chunked.keepAlive()).isTrue();
        assertThat(fixed.http10()).isTrue();
        assertThat(fixed.contentLength()).isEqualTo(5);
        assertThat(fixed.keepAlive()).isTrue();
    }

    @Test
    void eachRefusalNamesWhatIsWrong() {
        assertThatThrownBy(() -> parse("POST /e HTTP/1.1\r\nTransfer-Encoding: ,\r\nContent-Length: 2\r\n\r\n"))
                .hasMessage("malformed HTTP request: Transfer-Encoding is empty");
        assertThatThrownBy(() -> parse("GET / HTTP/1.1\r\nX: a\rb\r\n\r\n"))
                .hasMessage("malformed HTTP request: a CR that does not end a line");
        assertThatThrownBy(() -> parse("GET / HTTP/2.0\r\n\r\n"))
                .isInstanceOfSatisfying(HttpProblem.class, problem -> assertThat(problem.status()).isEqualTo(505));
    }
}
