package com.medsync.realtime.plugins.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SettingsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @CsvSource({
            "'\"1s\"', 1000", "'\"500ms\"', 500", "'\"500 ms\"', 500", "'\"2 seconds\"', 2000", "'\"1 second\"', 1000",
            "'\"1m\"', 60000", "'\"3 minutes\"', 180000", "'\"250 millis\"', 250", "'\"750\"', 750", "'1500', 1500",
            "'0', 0", "'\" 2S \"', 2000"})
    void durationsAreHoconLikeAndBareNumbersAreMilliseconds(String json, long millis) throws Exception {
        assertThat(Durations.parse(JSON.readTree(json), "x")).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"\"", "\"soon\"", "\"1h\"", "\"-1s\"", "\"1.5s\"", "-5", "1.5", "true", "{}", "[]"})
    void anythingElseIsRefusedNamingTheSetting(String json) throws Exception {
        JsonNode value = JSON.readTree(json);
        assertThatThrownBy(() -> Durations.parse(value, "medsync.plugin-config.chat.typing-timeout"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("medsync.plugin-config.chat.typing-timeout");
    }

    @Test
    void defaultsAreOneSecondThrottleAndFiveSecondsTimeout() throws Exception {
        ChatSettings settings = ChatSettings.from(JSON.readTree("{}"));
        assertThat(settings.typingThrottle()).isEqualTo(Duration.ofSeconds(1));
        assertThat(settings.typingTimeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void settingsAreRead() throws Exception {
        ChatSettings settings = ChatSettings.from(JSON.readTree(
                "{\"typing-throttle\": \"250ms\", \"typing-timeout\": 2000}"));
        assertThat(settings.typingThrottle()).isEqualTo(Duration.ofMillis(250));
        assertThat(settings.typingTimeout()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void aZeroTimeoutOrAnUnknownSettingIsRefused() {
        assertThatThrownBy(() -> ChatSettings.from(JSON.readTree("{\"typing-timeout\": \"0s\"}")))
                .hasMessageContaining("typing-timeout").hasMessageContaining("positive");
        assertThatThrownBy(() -> ChatSettings.from(JSON.readTree("{\"typing-timout\": \"5s\"}")))
                .hasMessageContaining("Unknown setting medsync.plugin-config.chat.typing-timout");
    }
}
