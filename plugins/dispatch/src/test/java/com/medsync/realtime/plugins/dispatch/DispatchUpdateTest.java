package com.medsync.realtime.plugins.dispatch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.medsync.realtime.plugins.dispatch.api.DispatchStatus;
import com.medsync.realtime.spi.event.ContractViolation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DispatchUpdateTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static ObjectNode payload() throws Exception {
        return (ObjectNode) JSON.readTree("""
                {"dispatch": {"id": "dispatch_123", "orderId": "order_456", "status": "IN_TRANSIT",
                 "provider": "kwik", "trackingUrl": "https://t.example/1", "otp": "1234",
                 "updatedAt": "2024-12-20T10:40:00Z"}}""");
    }

    @Test
    void readsTheContract() throws Exception {
        assertThat(DispatchUpdate.parse(payload())).isEqualTo(new DispatchUpdate("dispatch_123", "order_456",
                DispatchStatus.IN_TRANSIT, "kwik", "https://t.example/1", "1234"));
        ObjectNode nulls = payload();
        ((ObjectNode) nulls.get("dispatch")).putNull("trackingUrl").putNull("otp");
        assertThat(DispatchUpdate.parse(nulls).trackingUrl()).isNull();
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {"id|'a b'", "orderId|null", "status|'LOST'",
            "status|'in_transit'", "provider|''", "trackingUrl|5", "otp|{}", "updatedAt|'now'"})
    void namesTheBrokenMember(String field, String json) throws Exception {
        ObjectNode payload = payload();
        ((ObjectNode) payload.get("dispatch")).set(field, JSON.readTree(json.replace('\'', '"')));
        assertThatThrownBy(() -> DispatchUpdate.parse(payload)).isInstanceOf(ContractViolation.class)
                .extracting(e -> ((ContractViolation) e).field()).isEqualTo("dispatch." + field);
    }

    @Test
    void nullableMembersMustStillBePresent() throws Exception {
        ObjectNode payload = payload();
        ((ObjectNode) payload.get("dispatch")).remove("otp");
        assertThatThrownBy(() -> DispatchUpdate.parse(payload)).isInstanceOf(ContractViolation.class)
                .extracting(e -> ((ContractViolation) e).field()).isEqualTo("dispatch.otp");
        assertThatThrownBy(() -> DispatchUpdate.parse(JSON.readTree("{}"))).isInstanceOf(ContractViolation.class)
                .extracting(e -> ((ContractViolation) e).field()).isEqualTo("dispatch");
    }

    @Test
    void terminalStatuses() {
        assertThat(DispatchStatus.DELIVERED.isTerminal()).isTrue();
        assertThat(DispatchStatus.FAILED.isTerminal()).isTrue();
        assertThat(DispatchStatus.CANCELLED.isTerminal()).isTrue();
        assertThat(DispatchStatus.ARRIVED.isTerminal()).isFalse();
    }
}
