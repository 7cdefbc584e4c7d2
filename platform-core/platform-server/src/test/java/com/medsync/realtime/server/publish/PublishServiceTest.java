package com.medsync.realtime.server.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.medsync.realtime.server.delivery.BrokerUnavailableException;
import com.medsync.realtime.server.event.OutboundEvent;
import com.medsync.realtime.server.publish.PublishRejected.Reason;
import com.medsync.realtime.server.store.MemoryKeyValueStore;
import com.medsync.realtime.server.testing.RecordingBroker;
import com.medsync.realtime.spi.event.ContractViolation;
import com.medsync.realtime.spi.event.PublishedEventHandler;
import com.medsync.realtime.spi.event.Routing;
import com.medsync.realtime.spi.room.Room;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PublishServiceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<OutboundEvent> emitted = new ArrayList<>();
    private final PublishedEventHandlers handlers = new PublishedEventHandlers();
    private final RecordingBroker broker = new RecordingBroker(emitted);
    private final PublishService service = new PublishService(handlers, new MemoryKeyValueStore(Clock.systemUTC()), broker,
            Duration.ofHours(24), event -> { });

    /** A chat-like handler: needs data.roomId, routes to chat:{roomId}. */
    private static final PublishedEventHandler CHAT = new PublishedEventHandler() {
        @Override
        public String eventName() {
            return "chat:message";
        }

        @Override
        public Routing route(JsonNode data) throws ContractViolation {
            JsonNode roomId = data.path("roomId");
            if (!roomId.isTextual() || !Room.isValidId(roomId.asText())) {
                throw new ContractViolation("roomId", "roomId must be a room id");
            }
            return Routing.to(Room.chat(roomId.asText()));
        }
    };

    @BeforeEach
    void owners() {
        handlers.register(CHAT);
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void routesThroughTheOwnerAndAddsTheToRooms() throws Exception {
        var outcomes = service.publish(json("""
                {"event":"chat:message","data":{"roomId":"room_1","content":"hi"},"to":["user:u1"]}"""));

        assertThat(outcomes).singleElement().satisfies(outcome -> {
            assertThat(outcome.duplicate()).isFalse();
            assertThat(outcome.rooms()).containsExactlyInAnyOrder("chat:room_1", "user:u1");
        });
        assertThat(emitted).singleElement().satisfies(event -> {
            assertThat(event.name()).isEqualTo("chat:message");
            assertThat(event.data()).isEqualTo(json("{\"roomId\":\"room_1\",\"content\":\"hi\"}"));
        });
    }

    @Test
    void anEventNobodyOwnsIsUnknown() {
        assertThatThrownBy(() -> service.publish(json("{\"event\":\"order:new\",\"data\":{}}")))
                .isInstanceOfSatisfying(PublishRejected.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_EVENT));
    }

    @Test
    void aContractViolationNamesTheField() {
        assertThatThrownBy(() -> service.publish(json("{\"event\":\"chat:message\",\"data\":{\"roomId\":\"a b\"}}")))
                .isInstanceOfSatisfying(PublishRejected.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.CONTRACT_VIOLATION);
                    assertThat(e.details()).containsEntry("field", "data.roomId");
                });
    }

    @Test
    void envelopeMistakesAreMalformed() {
        for (String body : List.of("[]", "42", "{\"data\":{}}", "{\"event\":\"chat:message\"}",
                "{\"event\":\"chat:message\",\"data\":{},\"too\":[]}",
                "{\"event\":\"chat:message\",\"data\":{},\"to\":[\"lobby\"]}",
                "{\"event\":\"chat:message\",\"data\":{},\"id\":7}")) {
            assertThatThrownBy(() -> service.publish(json(body))).as(body)
                    .isInstanceOfSatisfying(PublishRejected.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED));
        }
    }

    @Test
    void aBatchIsRefusedWholeWhenOneEventIsBad() throws Exception {
        assertThatThrownBy(() -> service.publish(json("""
                [{"event":"chat:message","data":{"roomId":"room_1"}},
                 {"event":"chat:message","data":{"roomId":"bad room"}}]""")))
                .isInstanceOfSatisfying(PublishRejected.class, e -> assertThat(e.details()).containsEntry("index", 1));
        assertThat(emitted).isEmpty();
    }

    @Test
    void anIdAlreadyAcceptedIsADuplicateAndEmitsNothing() throws Exception {
        String body = "{\"event\":\"chat:message\",\"data\":{\"roomId\":\"room_1\"},\"id\":\"evt-1\"}";
        assertThat(service.publish(json(body)).get(0).duplicate()).isFalse();

        assertThat(service.publish(json(body)).get(0).duplicate()).isTrue();
        assertThat(emitted).hasSize(1);
    }

    @Test
    void anEventTheBrokerRefusedLeavesItsIdFreeForTheRetry() throws Exception {
        String body = "{\"event\":\"chat:message\",\"data\":{\"roomId\":\"room_1\"},\"id\":\"evt-2\"}";
        broker.down = true;
        assertThatThrownBy(() -> service.publish(json(body))).isInstanceOf(BrokerUnavailableException.class);

        broker.down = false;
        assertThat(service.publish(json(body)).get(0).duplicate()).isFalse();
        assertThat(emitted).hasSize(1);
    }
}
