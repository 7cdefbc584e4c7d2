package com.medsync.realtime.plugins.legacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.medsync.realtime.spi.event.EventTranslator.Emission;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AliasTranslatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final AliasTranslator translator = new AliasTranslator(AliasConfig.DEFAULTS);

    @Test
    void theMigrationDocumentsAliasesFollowTheirEvent() throws Exception {
        JsonNode data = JSON.readTree("{\"id\": \"x\"}");
        assertThat(names("chat:message", data)).containsExactly("chat:message", "new-message");
        assertThat(names("order:new", data)).containsExactly("order:new", "order:created");
        assertThat(names("order:updated", data)).containsExactly("order:updated", "order:status-updated");
        assertThat(names("dispatch:updated", JSON.readTree("{\"dispatch\": {\"status\": \"IN_TRANSIT\"}}")))
                .containsExactly("dispatch:updated", "dispatch:update", "delivery:status_changed");
        assertThat(names("dispatch:updated", JSON.readTree("{\"dispatch\": {\"status\": \"DELIVERED\"}}")))
                .containsExactly("dispatch:updated", "dispatch:update", "delivery:status_changed",
                        "delivery:completed");
    }

    @Test
    void everyEmissionCarriesTheSamePayload() throws Exception {
        JsonNode data = JSON.readTree("{\"dispatch\": {\"status\": \"DELIVERED\"}}");
        assertThat(translator.translate("dispatch:updated", data)).extracting(Emission::data)
                .allSatisfy(sent -> assertThat(sent).isSameAs(data));
    }

    @Test
    void eventsWithoutAliasesAndOddPayloadsPassThroughOnce() throws Exception {
        assertThat(names("chat:typing", JSON.readTree("{}"))).containsExactly("chat:typing");
        assertThat(names("dispatch:updated", JSON.readTree("{\"dispatch\": \"DELIVERED\"}")))
                .containsExactly("dispatch:updated", "dispatch:update", "delivery:status_changed");
        assertThat(names("dispatch:updated", JSON.readTree("[1, 2]")))
                .containsExactly("dispatch:updated", "dispatch:update", "delivery:status_changed");
        assertThat(names("dispatch:updated", JSON.readTree("{\"dispatch\": {\"status\": \"delivered\"}}")))
                .doesNotContain("delivery:completed");
    }

    @Test
    void numericConditionsCompareAsNumbers() throws Exception {
        AliasCondition condition = new AliasCondition(List.of("n"), JSON.readTree("2"));
        assertThat(condition.matches(JSON.readTree("{\"n\": 2.0}"))).isTrue();
        assertThat(condition.matches(JSON.readTree("{\"n\": \"2\"}"))).isFalse();
    }

    private List<String> names(String event, JsonNode data) {
        return translator.translate(event, data).stream().map(Emission::event).toList();
    }
}
