package com.medsync.realtime.it.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.medsync.realtime.it.fixture.EmbeddedMedsync;
import com.medsync.realtime.it.fixture.EmbeddedMedsync.Response;
import com.medsync.realtime.it.fixture.FeaturePlugins;
import com.medsync.realtime.it.fixture.LiveServer;
import com.medsync.realtime.it.support.Await;
import com.medsync.realtime.it.support.JsSocket;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The memory store's cap ({@code medsync.store.memory-max-entries}) as an operator and a backend meet it: a
 * node with the orders plugin and a small cap is sent three times as many orders as the cap over the publish
 * API; the scrape shows the evictions, the oldest order is forgotten, and a new order still reaches its pharmacy.
 */
class MemoryStoreCapE2ETest {

    private static final int CAP = 50;
    private static final String PHARMACY = "pharmacy_cap";

    @RegisterExtension
    static final LiveServer live = LiveServer.plain(settings());

    private static Map<String, Object> settings() {
        Map<String, Object> settings = FeaturePlugins.only("orders");
        settings.put("medsync.store.memory-max-entries", CAP);
        return settings;
    }

    private static String orderNew(String id) {
        return "{\"event\":\"order:new\",\"data\":{\"id\":\"" + id + "\",\"drugName\":\"Paracetamol\",\"quantity\":1,"
                + "\"status\":\"PENDING\",\"patient\":{\"id\":\"patient_cap\",\"phone\":\"+2348000000000\"},"
                + "\"pharmacy\":{\"id\":\"" + PHARMACY + "\",\"name\":\"Cap Pharmacy\"},"
                + "\"createdAt\":\"2024-12-20T10:30:00Z\"}}";
    }

    private static String orderUpdated(String id) {
        return "{\"event\":\"order:updated\",\"data\":{\"id\":\"" + id + "\",\"status\":\"CONFIRMED\","
                + "\"updatedAt\":\"2024-12-20T10:35:00Z\"}}";
    }

    private static void accepted(Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(202);
    }

    /** @return the value of an unlabelled meter in a Prometheus scrape, or -1 when the scrape lacks it */
    private static double metric(String scrape, String name) {
        Matcher line = Pattern.compile("(?m)^" + Pattern.quote(name) + " (\\S+)$").matcher(scrape);
        return line.find() ? Double.parseDouble(line.group(1)) : -1;
    }

    @Test
    void pastTheCapTheOrdersSoonestToExpireAreForgottenAndCountedAndNewOrdersStillRoute() {
        EmbeddedMedsync medsync = live.medsync();
        for (int i = 0; i < 3 * CAP; i++) {
            accepted(medsync.publish(orderNew("order_cap_" + i)));
        }

        String[] scrape = {""};
        Await.until(() -> "evictions counted and the store back under its cap; last scrape:\n" + scrape[0],
                Duration.ofSeconds(10), () -> {
                    scrape[0] = medsync.get("/metrics").body();
                    return metric(scrape[0], "medsync_store_evictions_total") > 0
                            && metric(scrape[0], "medsync_store_entries") <= CAP;
                });
        // Orders are the only entries this node writes here: each one is either still held or counted as evicted.
        assertThat(metric(scrape[0], "medsync_store_evictions_total") + metric(scrape[0], "medsync_store_entries"))
                .isEqualTo(3 * CAP);

        // The first order had the same TTL as the others and the earliest start: it expired soonest, so it went.
        Response forgotten = medsync.publish(orderUpdated("order_cap_0"));
        assertThat(forgotten.status()).as(forgotten.body()).isEqualTo(422);
        JsonNode error = forgotten.json().path("error");
        assertThat(error.path("code").asText()).isEqualTo("CONTRACT_VIOLATION");
        assertThat(error.path("field").asText()).isEqualTo("data.id");
        assertThat(error.path("message").asText()).contains("order 'order_cap_0' is unknown");

        JsSocket pharmacy = live.js().connectOnce(medsync.canonicalUrl(), medsync.pharmacyToken("staff_cap",
                PHARMACY));
        accepted(medsync.publish(orderNew("order_cap_fresh")));
        assertThat(pharmacy.awaitEventPayload("order:new").path("id").asText()).isEqualTo("order_cap_fresh");
        accepted(medsync.publish(orderUpdated("order_cap_fresh")));
        assertThat(pharmacy.awaitEventPayload("order:updated").path("id").asText()).isEqualTo("order_cap_fresh");
        pharmacy.close();
    }
}
