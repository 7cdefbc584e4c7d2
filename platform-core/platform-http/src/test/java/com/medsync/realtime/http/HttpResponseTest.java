package com.medsync.realtime.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpResponseTest {

    record Plugin(String id, String state) {
    }

    @Test
    void serializesRecordsAndCollections() {
        HttpResponse response = HttpResponse.json(200, List.of(new Plugin("chat", "STARTED")));

        assertThat(response.bodyAsString()).isEqualTo("[{\"id\":\"chat\",\"state\":\"STARTED\"}]");
        assertThat(response.contentType()).hasValue(HttpResponse.JSON_CONTENT_TYPE);
    }

    @Test
    void headersAreReplacedCaseInsensitivelyAndCopied() {
        HttpResponse base = HttpResponse.text(200, "text/plain; version=0.0.4; charset=utf-8", "up 1\n");

        HttpResponse changed = base.header("X-A", "1").header("x-a", "2");

        assertThat(changed.header("X-A")).hasValue("2");
        assertThat(changed.headers()).hasSize(2);
        assertThat(base.header("x-a")).isEmpty();
    }

    @Test
    void rejectsUnsafeHeadersAndBodilessStatusesWithBodies() {
        HttpResponse response = HttpResponse.empty(204);

        assertThatThrownBy(() -> response.header("X-A", "1\r\nSet-Cookie: x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> response.header("Bad Name", "1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> response.header("Content-Length", "1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HttpResponse.json(204, "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HttpResponse.empty(101)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aBodyWrittenTokenByTokenIsTheSameJsonAsTheMapItStandsFor() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("event", "order:new");
        map.put("accepted", true);
        map.put("rooms", List.of("pharmacy:\"p1\"", "user:é"));

        HttpResponse written = HttpResponse.json(202, json -> {
            json.writeStartObject();
            json.writeStringField("event", "order:new");
            json.writeBooleanField("accepted", true);
            json.writeArrayFieldStart("rooms");
            json.writeString("pharmacy:\"p1\"");
            json.writeString("user:é");
            json.writeEndArray();
            json.writeEndObject();
        });

        assertThat(written.body()).isEqualTo(HttpResponse.json(202, map).body());
        assertThat(written.contentType()).hasValue(HttpResponse.JSON_CONTENT_TYPE);
    }

    @Test
    void aBodyWrittenTokenByTokenMustBeOneCompleteValue() {
        assertThatThrownBy(() -> HttpResponse.json(200, json -> json.writeStartObject()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HttpResponse.json(200, json -> { }))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void jsonResponsesShareTheirHeadersUntilOneIsAdded() {
        HttpResponse first = HttpResponse.json(200, Map.of());
        HttpResponse second = HttpResponse.json(201, Map.of()).header("Retry-After", "1");

        assertThat(first.headers()).containsOnlyKeys("Content-Type");
        assertThat(second.headers()).containsOnlyKeys("Content-Type", "Retry-After");
        assertThat(second.header("content-type")).hasValue(HttpResponse.JSON_CONTENT_TYPE);
    }

    @Test
    void unserializableBodiesFailInTheHandler() {
        assertThatThrownBy(() -> HttpResponse.json(200, new Object()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
