package com.medsync.realtime.plugins.orders;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.medsync.realtime.plugins.orders.api.OrderParties;
import com.medsync.realtime.spi.event.ContractViolation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The contract checks of order:new and order:updated, member by member. */
class OrderPayloadsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static ObjectNode order() throws Exception {
        return (ObjectNode) JSON.readTree("""
                {"id": "order_123", "drugName": "Paracetamol", "quantity": 2, "status": "PENDING",
                 "patient": {"id": "patient_456", "phone": "+234800"},
                 "pharmacy": {"id": "pharmacy_789", "name": "MedSync Pharmacy"},
                 "createdAt": "2024-12-20T10:30:00Z", "notes": "extra"}""");
    }

    @Test
    void aValidOrderNamesItsParties() throws Exception {
        assertThat(OrderNewHandler.validate(order()))
                .isEqualTo(new OrderParties("order_123", "pharmacy_789", "patient_456"));
    }

    @Test
    void anOffsetOtherThanZIsAnIsoTimestampToo() throws Exception {
        ObjectNode order = order();
        order.put("createdAt", "2024-12-20T11:30:00.250+01:00");
        assertThat(OrderNewHandler.validate(order).orderId()).isEqualTo("order_123");
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "id|null", "id|'bad id'", "id|7", "drugName|''", "drugName|null", "quantity|0", "quantity|-1",
            "quantity|2.5", "quantity|2.0", "quantity|'2'", "status|null", "status|3", "patient|null",
            "patient|'p'", "patient.id|null", "patient.id|'a:b'", "patient.phone|null", "pharmacy|[]",
            "pharmacy.id|''", "pharmacy.name|false", "createdAt|'yesterday'", "createdAt|'2024-12-20T10:30:00'",
            "createdAt|1734690600"})
    void eachBrokenMemberIsNamed(String field, String json) throws Exception {
        ObjectNode order = order();
        String[] path = field.split("\\.");
        ObjectNode parent = path.length == 1 ? order : (ObjectNode) order.get(path[0]);
        parent.set(path[path.length - 1], JSON.readTree(json.replace('\'', '"')));

        assertThatThrownBy(() -> OrderNewHandler.validate(order))
                .isInstanceOf(ContractViolation.class)
                .extracting(e -> ((ContractViolation) e).field()).isEqualTo(field);
    }

    @Test
    void aMissingMemberIsNamedToo() throws Exception {
        ObjectNode order = order();
        ((ObjectNode) order.get("pharmacy")).remove("name");
        assertThatThrownBy(() -> OrderNewHandler.validate(order))
                .isInstanceOf(ContractViolation.class)
                .hasMessageContaining("'pharmacy.name' is required")
                .extracting(e -> ((ContractViolation) e).field()).isEqualTo("pharmacy.name");
    }

    @Test
    void dataThatIsNoObjectIsTheWholePayload() {
        assertThatThrownBy(() -> OrderNewHandler.validate(JSON.readTree("[1]")))
                .isInstanceOf(ContractViolation.class)
                .extracting(e -> ((ContractViolation) e).field()).isEqualTo("");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {"id|{\"status\":\"X\",\"updatedAt\":\"2024-12-20T10:35:00Z\"}",
            "status|{\"id\":\"o1\",\"updatedAt\":\"2024-12-20T10:35:00Z\"}",
            "updatedAt|{\"id\":\"o1\",\"status\":\"X\",\"updatedAt\":\"soon\"}"})
    void orderUpdatedNamesItsBrokenMember(String field, String json) {
        assertThatThrownBy(() -> OrderUpdatedHandler.validate(JSON.readTree(json)))
                .isInstanceOf(ContractViolation.class)
                .extracting(e -> ((ContractViolation) e).field()).isEqualTo(field);
    }
}
