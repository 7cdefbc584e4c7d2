package com.medsync.realtime.plugins.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.medsync.realtime.spi.event.ContractViolation;
import com.medsync.realtime.spi.room.Room;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ChatMessageContractTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final ChatMessageContract contract = new ChatMessageContract();

    @Test
    void aValidMessageGoesToItsChatRoom() throws Exception {
        assertThat(contract.eventName()).isEqualTo("chat:message");
        assertThat(contract.route(valid()).rooms()).containsExactly(Room.chat("room_456"));
        assertThat(contract.route(valid()).whenNoRooms()).isEmpty();
    }

    @Test
    void extraMembersAreAllowed() throws Exception {
        ObjectNode message = valid();
        message.put("replyTo", "msg_1").putObject("meta").put("x", 1);
        assertThat(contract.route(message).rooms()).containsExactly(Room.chat("room_456"));
    }

    @Test
    void theFirstViolationInContractOrderIsReported() {
        ObjectNode message = valid();
        message.remove("createdAt");
        message.put("senderType", "robot");
        ContractViolation violation = violationOf(message);
        assertThat(violation.field()).isEqualTo("senderType");
        assertThat(violation).hasMessage("senderType must be one of patient, pharmacy, system");
    }

    @Test
    void missingAndMistypedFieldsAreNamed() {
        ObjectNode missing = valid();
        missing.remove("content");
        ContractViolation violation = violationOf(missing);
        assertThat(violation.field()).isEqualTo("content");
        assertThat(violation).hasMessage("content is required");

        ObjectNode mistyped = valid();
        mistyped.put("roomId", 456);
        violation = violationOf(mistyped);
        assertThat(violation.field()).isEqualTo("roomId");
        assertThat(violation).hasMessage("roomId must be a string");
    }

    @Test
    void aNonObjectPayloadIsAViolationOfTheWhole() {
        ContractViolation violation = violationOf(JSON.getNodeFactory().arrayNode());
        assertThat(violation.field()).isEmpty();
    }

    private ContractViolation violationOf(JsonNode data) {
        try {
            contract.route(data);
        } catch (ContractViolation violation) {
            return violation;
        }
        throw new AssertionError("no violation for " + data);
    }

    private static ObjectNode valid() {
        return JSON.createObjectNode()
                .put("id", "msg_123")
                .put("roomId", "room_456")
                .put("senderId", "user_789")
                .put("senderType", "pharmacy")
                .put("content", "Hello world")
                .put("messageType", "IMAGE")
                .put("createdAt", "2024-12-20T10:30:00Z");
    }
}
