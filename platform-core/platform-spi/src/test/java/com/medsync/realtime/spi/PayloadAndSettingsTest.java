package com.medsync.realtime.spi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.medsync.realtime.spi.event.ContractViolation;
import com.medsync.realtime.spi.event.PayloadFields;
import com.medsync.realtime.spi.plugin.PluginSettings;
import com.medsync.realtime.spi.room.Room;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PayloadAndSettingsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void payloadFieldsNameTheFieldByItsPath() throws Exception {
        JsonNode data = json("{\"pharmacy\":{\"id\":\"bad id\"},\"quantity\":0,\"status\":\"X\",\"at\":\"2024-12-20\"}");
        JsonNode pharmacy = PayloadFields.objectMember(data, "", "pharmacy");

        assertThatThrownBy(() -> PayloadFields.id(pharmacy, "pharmacy", "id"))
                .isInstanceOfSatisfying(ContractViolation.class, e -> assertThat(e.field()).isEqualTo("pharmacy.id"));
        assertThatThrownBy(() -> PayloadFields.positiveInt(data, "", "quantity"))
                .isInstanceOfSatisfying(ContractViolation.class, e -> assertThat(e.field()).isEqualTo("quantity"));
        assertThatThrownBy(() -> PayloadFields.oneOf(data, "", "status", Set.of("A", "B")))
                .hasMessageContaining("A, B");
        assertThatThrownBy(() -> PayloadFields.timestamp(data, "", "at")).hasMessageContaining("ISO-8601");
        assertThatThrownBy(() -> PayloadFields.text(data, "", "missing")).hasMessageContaining("is required");
        assertThat(Room.isValidId(PayloadFields.text(json("{\"a\":\"ok\"}"), "", "a"))).isTrue();
    }

    @Test
    void eachKindOfViolationReadsTheSameWithItsPathNestedOrNot() throws Exception {
        JsonNode data = json("{\"patient\":{\"id\":\"pt_1\",\"phone\":\" \"},\"pharmacy\":7,\"flag\":\"yes\","
                + "\"note\":3}");
        JsonNode patient = PayloadFields.objectMember(data, "", "patient");

        assertThat(patient.get("id").textValue()).isEqualTo("pt_1");
        assertThatThrownBy(() -> PayloadFields.text(patient, "patient", "phone"))
                .hasMessage("'patient.phone' must be a non-empty string");
        assertThatThrownBy(() -> PayloadFields.text(patient, "patient", "name"))
                .hasMessage("'patient.name' is required");
        assertThatThrownBy(() -> PayloadFields.objectMember(data, "", "pharmacy"))
                .hasMessage("'pharmacy' must be an object");
        assertThatThrownBy(() -> PayloadFields.objectMember(data, "", "rider"))
                .hasMessage("'rider' is required");
        assertThatThrownBy(() -> PayloadFields.bool(data, "", "flag")).hasMessage("'flag' must be true or false");
        assertThatThrownBy(() -> PayloadFields.nullableText(data, "", "note"))
                .hasMessage("'note' must be a string or null");
        assertThatThrownBy(() -> PayloadFields.nullableText(data, "", "absent"))
                .hasMessage("'absent' is required (null when there is none)");
        assertThatThrownBy(() -> PayloadFields.object(json("[]"), "")).hasMessage("data must be an object");
    }

    @Test
    void settingsReadDurationsAndNameBadOnes() throws Exception {
        PluginSettings settings = new PluginSettings("chat", json("{\"a\":\"500ms\",\"b\":\"30d\",\"c\":250,\"d\":\"soon\"}"));

        assertThat(settings.duration("a", Duration.ZERO)).isEqualTo(Duration.ofMillis(500));
        assertThat(settings.duration("b", Duration.ZERO)).isEqualTo(Duration.ofDays(30));
        assertThat(settings.duration("c", Duration.ZERO)).isEqualTo(Duration.ofMillis(250));
        assertThat(settings.duration("absent", Duration.ofSeconds(5))).isEqualTo(Duration.ofSeconds(5));
        assertThatThrownBy(() -> settings.duration("d", Duration.ZERO))
                .hasMessageContaining("medsync.plugin-config.chat.d");
        assertThatThrownBy(() -> settings.requiredText("base-url"))
                .hasMessage("medsync.plugin-config.chat.base-url is required");
    }
}
