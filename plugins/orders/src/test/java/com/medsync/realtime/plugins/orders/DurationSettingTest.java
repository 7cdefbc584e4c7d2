package com.medsync.realtime.plugins.orders;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DurationSettingTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void readsTheUsualUnits() {
        assertThat(DurationSetting.parse("30d")).isEqualTo(Duration.ofDays(30));
        assertThat(DurationSetting.parse("12h")).isEqualTo(Duration.ofHours(12));
        assertThat(DurationSetting.parse("15m")).isEqualTo(Duration.ofMinutes(15));
        assertThat(DurationSetting.parse("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(DurationSetting.parse("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(DurationSetting.parse("30 days")).isNull();
    }

    @Test
    void defaultsWhenAbsentAndNamesTheSettingWhenWrong() throws Exception {
        assertThat(DurationSetting.read(JSON.readTree("{}"), "order-ttl", "x.order-ttl", Duration.ofDays(30)))
                .isEqualTo(Duration.ofDays(30));
        assertThat(DurationSetting.read(JSON.readTree("{\"order-ttl\":\"12h\"}"), "order-ttl", "x.order-ttl",
                Duration.ofDays(30))).isEqualTo(Duration.ofHours(12));
        assertThatThrownBy(() -> DurationSetting.read(JSON.readTree("{\"order-ttl\":30}"), "order-ttl",
                "medsync.plugin-config.orders.order-ttl", Duration.ofDays(30)))
                .hasMessageContaining("medsync.plugin-config.orders.order-ttl");
        assertThatThrownBy(() -> DurationSetting.read(JSON.readTree("{\"order-ttl\":\"0s\"}"), "order-ttl",
                "x.order-ttl", Duration.ofDays(30))).isInstanceOf(IllegalArgumentException.class);
    }
}
