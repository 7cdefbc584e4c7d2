package com.medsync.realtime.plugins.orders;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OrderTtlTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void readsTheUsualUnits() throws Exception {
        assertThat(ttl("\"30d\"")).isEqualTo(Duration.ofDays(30));
        assertThat(ttl("\"12h\"")).isEqualTo(Duration.ofHours(12));
        assertThat(ttl("\"15m\"")).isEqualTo(Duration.ofMinutes(15));
        assertThat(ttl("\"90s\"")).isEqualTo(Duration.ofSeconds(90));
        assertThat(ttl("\"250ms\"")).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void defaultsWhenAbsentAndNamesTheSettingWhenWrong() throws Exception {
        assertThat(OrdersFeature.orderTtl("orders", JSON.readTree("{}"))).isEqualTo(Duration.ofDays(30));
        for (String wrong : new String[] {"30", "\"0s\"", "\"30 days\"", "\"-1h\"", "true"}) {
            assertThatThrownBy(() -> ttl(wrong)).as(wrong)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("medsync.plugin-config.orders.order-ttl");
        }
    }

    private static Duration ttl(String json) throws Exception {
        return OrdersFeature.orderTtl("orders", JSON.readTree("{\"order-ttl\": " + json + "}"));
    }
}
