package com.medsync.realtime.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.medsync.realtime.server.event.OutboundEvent;
import com.medsync.realtime.server.socket.SocketSession;
import com.medsync.realtime.spi.room.Room;

import org.junit.jupiter.api.Test;

import java.util.OptionalLong;
import java.util.Set;

class EventTailTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final EventTail tail = new EventTail(JSON);
    private final ConsoleSockets sockets = new ConsoleSockets();

    private void publish(String name, String data) throws Exception {
        tail.published(new OutboundEvent("e-" + name, name, JSON.readTree(data), Set.of(Room.pharmacy("ph_1"))));
    }

    @Test
    void aPublishedEventIsRecordedWithItsRoomsAndSizeButNotItsPayload() throws Exception {
        publish("order:new", "{\"id\":\"order_1\",\"note\":\"é\"}");

        EventTail.Seen seen = tail.tail(OptionalLong.empty(), 10).events().get(0);

        assertThat(seen.seq()).isEqualTo(1);
        assertThat(seen.source()).isEqualTo(EventTail.PUBLISH);
        assertThat(seen.name()).isEqualTo("order:new");
        assertThat(seen.namespace()).isNull();
        assertThat(seen.rooms()).containsExactly(Room.pharmacy("ph_1"));
        assertThat(seen.bytes()).isEqualTo("{\"id\":\"order_1\",\"note\":\"é\"}".getBytes(
                java.nio.charset.StandardCharsets.UTF_8).length);
        assertThat(seen.toString()).doesNotContain("order_1");
    }

    @Test
    void aClientEventIsRecordedWithItsNamespace() {
        SocketSession socket = sockets.connect(sockets.canonical, "staff_1");
        ArrayNode args = JSON.createArrayNode().add(JSON.createObjectNode().put("roomId", "r1"));

        tail.onClientEvent(socket, "chat:typing", args);

        EventTail.Seen seen = tail.tail(OptionalLong.empty(), 10).events().get(0);
        assertThat(seen.source()).isEqualTo(EventTail.CLIENT);
        assertThat(seen.namespace()).isEqualTo("/patient-pharmacy");
        assertThat(seen.rooms()).isEmpty();
        assertThat(seen.bytes()).isEqualTo(args.toString().length());
    }

    @Test
    void aClientsLongEventNameIsCut() {
        SocketSession socket = sockets.connect(sockets.canonical, "staff_1");

        tail.onClientEvent(socket, "x".repeat(10_000), JSON.createArrayNode());

        assertThat(tail.tail(OptionalLong.empty(), 1).events().get(0).name())
                .isEqualTo("x".repeat(EventTail.MAX_CLIENT_NAME) + "...");
    }

    @Test
    void afterReturnsOnlyNewerEventsAndLastIsTheCursorForNextTime() throws Exception {
        publish("a:one", "{}");
        publish("a:two", "{}");
        EventTail.Tail first = tail.tail(OptionalLong.empty(), 10);
        assertThat(first.last()).isEqualTo(2);

        assertThat(tail.tail(OptionalLong.of(first.last()), 10).events()).isEmpty();
        assertThat(tail.tail(OptionalLong.of(first.last()), 10).last()).isEqualTo(2);
        publish("a:three", "{}");
        EventTail.Tail next = tail.tail(OptionalLong.of(first.last()), 10);
        assertThat(next.events()).extracting(EventTail.Seen::name).containsExactly("a:three");
        assertThat(next.last()).isEqualTo(3);
    }

    @Test
    void withoutAfterOrPastTheNewestTheNewestEventsComeOldestFirst() throws Exception {
        for (int i = 1; i <= 5; i++) {
            publish("e:" + i, "{}");
        }

        assertThat(tail.tail(OptionalLong.empty(), 2).events()).extracting(EventTail.Seen::name)
                .containsExactly("e:4", "e:5");
        assertThat(tail.tail(OptionalLong.of(99), 2).events()).extracting(EventTail.Seen::name)
                .as("a cursor from before a restart").containsExactly("e:4", "e:5");
        assertThat(tail.tail(OptionalLong.of(1), 2).events()).extracting(EventTail.Seen::name)
                .as("a cursor pages forward").containsExactly("e:2", "e:3");
    }

    @Test
    void theTailKeepsTheLastThousand() throws Exception {
        for (int i = 1; i <= EventTail.CAPACITY + 5; i++) {
            publish("e:" + i, "{}");
        }

        EventTail.Tail all = tail.tail(OptionalLong.of(0), EventTail.CAPACITY);
        assertThat(all.events()).hasSize(EventTail.CAPACITY);
        assertThat(all.events().get(0).seq()).isEqualTo(6);
        assertThat(all.last()).isEqualTo(EventTail.CAPACITY + 5);
    }
}
