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
            "'\"1s\"', 1000", "'\"500ms\"', 500", "'\"500 ms\"', 500", "'\" 2s \"', 2000", "'\"1m\"', 60000",
            "'\"1h\"', 3600000", "'1500', 1500"})
    void durationsAreHoconLikeAndBareNumbersAreMilliseconds(String json, long millis) throws Exception {
        ChatSettings settings = ChatSettings.from(JSON.readTree(
                "{\"typing-throttle\": " + json + ", \"typing-timeout\": " + json + "}"));
        assertThat(settings.typingThrottle()).isEqualTo(Duration.ofMillis(millis));
        assertThat(settings.typingTimeout()).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "\"0ms\"", "\" 0s \"", "\"0m\""})
    void aZeroThrottleRelaysEveryTypingEvent(String json) throws Exception {
        assertThat(ChatSettings.from(JSON.readTree("{\"typing-throttle\": " + json + "}")).typingThrottle())
                .isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"\"", "\"soon\"", "\"2 seconds\"", "\"750\"", "\"-1s\"", "\"1.5s\"", "-5", "1.5",
            "true", "{}", "[]"})
    void anythingElseIsRefusedNamingTheSetting(String json) throws Exception {
        for (String setting : new String[] {"typing-throttle", "typing-timeout"}) {
            JsonNode config = JSON.readTree("{\"" + setting + "\": " + json + "}");
            assertThatThrownBy(() -> ChatSettings.from(config))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("medsync.plugin-config.chat." + setting);
        }
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
