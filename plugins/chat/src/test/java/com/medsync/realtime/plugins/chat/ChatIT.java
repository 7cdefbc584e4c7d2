package com.medsync.realtime.plugins.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.medsync.realtime.testkit.MedsyncTestServer;
import com.medsync.realtime.testkit.PublishClient.Response;
import com.medsync.realtime.testkit.TestSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chat plugin jar as it ships, in a real server, driven by the Java Socket.IO client and the publish API.
 * One server for the class; each test uses rooms and users of its own, so tests cannot hear each other.
 */
class ChatIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration QUIET = Duration.ofMillis(300);
    /** Configured below; the clear-on-leave/disconnect tests must see their clear well before it. */
    private static final Duration TYPING_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration TYPING_THROTTLE = Duration.ofMillis(500);

    private static MedsyncTestServer server;
    private final List<TestSocket> sockets = new ArrayList<>();

    @BeforeAll
    static void startServer() {
        server = MedsyncTestServer.builder()
                .pluginJar(Path.of(System.getProperty("medsync.plugin.jar")))
                .config("medsync.plugin-config.chat.typing-timeout", "1s")
                .config("medsync.plugin-config.chat.typing-throttle", "500ms")
                .start();
        assertThat(server.pluginState("chat")).isEqualTo("STARTED");
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @AfterEach
    void closeSockets() {
        sockets.forEach(TestSocket::close);
    }

    // ---------------------------------------------------------------- chat:message

    @Test
    void aChatMessageReachesTheMembersOfItsRoomOnlyExactlyAsPublished() {
        TestSocket alice = member("alice_msg", "room_msg");
        TestSocket bob = member("bob_msg", "room_msg_other");
        // May join room_msg, but has not: membership, not permission, decides who hears a message.
        TestSocket carol = connect(server.tokens().patient("carol_msg", "chat:room_msg"));
        ObjectNode message = message("room_msg");
        message.put("clientTempId", "tmp_1").putObject("attachment").put("url", "https://example.test/a.png");

        Response response = server.publisher().publish("chat:message", message);

        assertThat(response.status()).as(response.body().toString()).isEqualTo(202);
        assertThat(response.body().path("rooms").toString()).isEqualTo("[\"chat:room_msg\"]");
        assertThat(alice.awaitEvent("chat:message")).isEqualTo(message);
        bob.assertNoEvent("chat:message", QUIET);
        carol.assertNoEvent("chat:message", Duration.ZERO);
        alice.assertNoEvent("chat:message", Duration.ZERO);
    }

    @Test
    void createdAtMayCarryAnOffsetOrFractionalSeconds() {
        for (String createdAt : List.of("2024-12-20T10:30:00.123Z", "2024-12-20T11:30:00+01:00")) {
            ObjectNode message = message("room_time");
            message.put("createdAt", createdAt);
            assertThat(server.publisher().publish("chat:message", message).status()).as(createdAt).isEqualTo(202);
        }
    }

    static Stream<Arguments> violations() {
        return Stream.of(
                violation("id", m -> m.remove("id")),
                violation("id", m -> m.put("id", 123)),
                violation("id", m -> m.put("id", "")),
                violation("roomId", m -> m.remove("roomId")),
                violation("roomId", m -> m.put("roomId", "room 456")),
                violation("roomId", m -> m.put("roomId", "chat:room_456")),
                violation("roomId", m -> m.putArray("roomId")),
                violation("senderId", m -> m.remove("senderId")),
                violation("senderId", m -> m.putNull("senderId")),
                violation("senderType", m -> m.remove("senderType")),
                violation("senderType", m -> m.put("senderType", "doctor")),
                violation("senderType", m -> m.put("senderType", "Patient")),
                violation("content", m -> m.remove("content")),
                violation("content", m -> m.putObject("content")),
                violation("messageType", m -> m.remove("messageType")),
                violation("messageType", m -> m.put("messageType", "text")),
                violation("messageType", m -> m.put("messageType", "VIDEO")),
                violation("createdAt", m -> m.remove("createdAt")),
                violation("createdAt", m -> m.put("createdAt", "yesterday")),
                violation("createdAt", m -> m.put("createdAt", "2024-12-20 10:30:00")),
                violation("createdAt", m -> m.put("createdAt", 1734690600000L)));
    }

    private static Arguments violation(String field, Consumer<ObjectNode> breakIt) {
        ObjectNode message = message("room_violation");
        breakIt.accept(message);
        return Arguments.of(field, message);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("violations")
    void aContractViolationIsRefusedWith422NamingTheField(String field, ObjectNode message) {
        TestSocket member = member("dave_violation", "room_violation");

        Response response = server.publisher().publish("chat:message", message);

        assertThat(response.status()).as(response.body().toString()).isEqualTo(422);
        assertThat(response.body().path("error").path("code").asText()).isEqualTo("CONTRACT_VIOLATION");
        assertThat(response.body().path("error").path("field").asText()).isEqualTo("data." + field);
        assertThat(response.body().path("error").path("message").asText()).contains(field);
        member.assertNoEvent("chat:message", Duration.ofMillis(100));
    }

    @Test
    void theViolationMessagesSayWhatIsAllowed() {
        ObjectNode message = message("room_violation");
        message.put("senderType", "doctor");
        assertThat(server.publisher().publish("chat:message", message).body().path("error").path("message")
                .asText()).isEqualTo("senderType must be one of patient, pharmacy, system");
        message = message("room_violation");
        message.put("messageType", "VIDEO");
        assertThat(server.publisher().publish("chat:message", message).body().path("error").path("message")
                .asText()).isEqualTo("messageType must be one of TEXT, IMAGE, FILE");
    }

    @Test
    void aPayloadThatIsNotAnObjectIsRefused() {
        Response response = server.publisher().publish("chat:message", "hello");
        assertThat(response.status()).isEqualTo(422);
        assertThat(response.body().path("error").path("field").asText()).isEqualTo("data");
    }

    // ---------------------------------------------------------------- chat:join / chat:leave

    @Test
    void chatJoinIsAllowedByTheRoomsClaimAndForbiddenOtherwise() {
        TestSocket erin = connect(server.tokens().patient("erin_join", "chat:room_join_ok"));

        assertOk(erin.emitWithAck("chat:join", Map.of("roomId", "room_join_ok")));
        assertError(erin.emitWithAck("chat:join", Map.of("roomId", "room_join_no")), "FORBIDDEN");

        server.publisher().publish("chat:message", message("room_join_no"));
        server.publisher().publish("chat:message", message("room_join_ok"));
        assertThat(erin.awaitEvent("chat:message").path("roomId").asText()).isEqualTo("room_join_ok");
        erin.assertNoEvent("chat:message", QUIET);
    }

    @Test
    void chatJoinRefusesMalformedRequests() {
        TestSocket frank = connect(server.tokens().patient("frank_join", "chat:room_join_bad"));

        assertError(frank.emitWithAck("chat:join"), "BAD_REQUEST");
        assertError(frank.emitWithAck("chat:join", Map.of()), "BAD_REQUEST");
        assertError(frank.emitWithAck("chat:join", Map.of("roomId", 456)), "BAD_REQUEST");
        assertError(frank.emitWithAck("chat:join", "room_join_bad"), "BAD_REQUEST");
        assertError(frank.emitWithAck("chat:join", Map.of("room", "chat:room_join_bad")), "BAD_REQUEST");
        assertError(frank.emitWithAck("chat:join", Map.of("roomId", "room join bad")), "INVALID_ROOM");
        assertError(frank.emitWithAck("chat:join", Map.of("roomId", "chat:room_join_bad")), "INVALID_ROOM");
        assertError(frank.emitWithAck("chat:join", Map.of("roomId", "x".repeat(129))), "INVALID_ROOM");
    }

    @Test
    void chatLeaveLeavesTheRoom() {
        TestSocket gina = member("gina_leave", "room_leave");

        assertOk(gina.emitWithAck("chat:leave", Map.of("roomId", "room_leave")));
        assertOk(gina.emitWithAck("chat:leave", Map.of("roomId", "room_leave")));
        assertError(gina.emitWithAck("chat:leave", Map.of("roomId", "room leave")), "INVALID_ROOM");

        server.publisher().publish("chat:message", message("room_leave"));
        gina.assertNoEvent("chat:message", QUIET);
    }

    // ---------------------------------------------------------------- chat:typing

    @Test
    void typingGoesToTheOthersWithTheTokensUserIdAndNeverBackToTheSender() {
        TestSocket alice = member("alice_typing", "room_typing");
        TestSocket bob = member("bob_typing", "room_typing");
        TestSocket outsider = member("zed_typing", "room_typing_elsewhere");

        // A forged userId in the payload must not reach anyone.
        assertOk(alice.emitWithAck("chat:typing",
                Map.of("roomId", "room_typing", "isTyping", true, "userId", "mallory")));

        assertThat(bob.awaitEvent("chat:typing")).isEqualTo(typing("room_typing", "alice_typing", true));
        assertOk(alice.emitWithAck("chat:typing", Map.of("roomId", "room_typing", "isTyping", false)));
        assertThat(bob.awaitEvent("chat:typing")).isEqualTo(typing("room_typing", "alice_typing", false));
        alice.assertNoEvent("chat:typing", QUIET);
        outsider.assertNoEvent("chat:typing", Duration.ZERO);
    }

    @Test
    void repeatedTypingIsThrottledButEveryChangeIsRelayed() throws InterruptedException {
        TestSocket alice = member("alice_throttle", "room_throttle");
        TestSocket bob = member("bob_throttle", "room_throttle");
        Map<String, Object> typing = Map.of("roomId", "room_throttle", "isTyping", true);
        Map<String, Object> stopped = Map.of("roomId", "room_throttle", "isTyping", false);

        assertOk(alice.emitWithAck("chat:typing", typing));
        assertThat(bob.awaitEvent("chat:typing").path("isTyping").booleanValue()).isTrue();
        assertOk(alice.emitWithAck("chat:typing", typing));
        assertOk(alice.emitWithAck("chat:typing", typing));
        bob.assertNoEvent("chat:typing", Duration.ofMillis(200));

        // Changes are relayed at once, throttle or not.
        assertOk(alice.emitWithAck("chat:typing", stopped));
        assertThat(bob.awaitEvent("chat:typing").path("isTyping").booleanValue()).isFalse();
        assertOk(alice.emitWithAck("chat:typing", typing));
        assertThat(bob.awaitEvent("chat:typing").path("isTyping").booleanValue()).isTrue();
        assertOk(alice.emitWithAck("chat:typing", stopped));
        assertThat(bob.awaitEvent("chat:typing").path("isTyping").booleanValue()).isFalse();
        // A redundant "stopped" changes nothing, so it is not relayed.
        assertOk(alice.emitWithAck("chat:typing", stopped));
        bob.assertNoEvent("chat:typing", Duration.ofMillis(200));

        // Once the interval has passed, a repeated "typing" is relayed again.
        assertOk(alice.emitWithAck("chat:typing", typing));
        assertThat(bob.awaitEvent("chat:typing").path("isTyping").booleanValue()).isTrue();
        Thread.sleep(TYPING_THROTTLE.plusMillis(100).toMillis());
        assertOk(alice.emitWithAck("chat:typing", typing));
        assertThat(bob.awaitEvent("chat:typing").path("isTyping").booleanValue()).isTrue();
        assertOk(alice.emitWithAck("chat:typing", stopped));
        assertThat(bob.awaitEvent("chat:typing").path("isTyping").booleanValue()).isFalse();
        alice.assertNoEvent("chat:typing", Duration.ZERO);
    }

    @Test
    void typingNotClearedWithinTheTimeoutIsClearedForTheOthers() {
        TestSocket alice = member("alice_timeout", "room_timeout");
        TestSocket bob = member("bob_timeout", "room_timeout");

        assertOk(alice.emitWithAck("chat:typing", Map.of("roomId", "room_timeout", "isTyping", true)));
        assertThat(bob.awaitEvent("chat:typing").path("isTyping").booleanValue()).isTrue();
        long started = System.nanoTime();

        assertThat(bob.awaitEvent("chat:typing", TYPING_TIMEOUT.multipliedBy(3)))
                .isEqualTo(typing("room_timeout", "alice_timeout", false));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThan(TYPING_TIMEOUT.minusMillis(200));
        bob.assertNoEvent("chat:typing", QUIET);
        alice.assertNoEvent("chat:typing", Duration.ZERO);
    }

    @Test
    void typingIsClearedWhenTheTypistDisconnects() {
        TestSocket alice = member("alice_gone", "room_gone");
        TestSocket bob = member("bob_gone", "room_gone");
        assertOk(alice.emitWithAck("chat:typing", Map.of("roomId", "room_gone", "isTyping", true)));
        assertThat(bob.awaitEvent("chat:typing").path("isTyping").booleanValue()).isTrue();

        alice.close();

        // Well before the timeout would have cleared it.
        assertThat(bob.awaitEvent("chat:typing", TYPING_TIMEOUT.minusMillis(300)))
                .isEqualTo(typing("room_gone", "alice_gone", false));
        bob.assertNoEvent("chat:typing", TYPING_TIMEOUT);
    }

    @Test
    void typingIsClearedWhenTheTypistLeavesTheRoom() {
        TestSocket alice = member("alice_left", "room_left");
        TestSocket bob = member("bob_left", "room_left");

        assertOk(alice.emitWithAck("chat:typing", Map.of("roomId", "room_left", "isTyping", true)));
        assertThat(bob.awaitEvent("chat:typing").path("isTyping").booleanValue()).isTrue();
        assertOk(alice.emitWithAck("chat:leave", Map.of("roomId", "room_left")));
        assertThat(bob.awaitEvent("chat:typing", TYPING_TIMEOUT.minusMillis(300)))
                .isEqualTo(typing("room_left", "alice_left", false));
        bob.assertNoEvent("chat:typing", QUIET);

        // The platform's own "leave {room}" clears it too.
        assertOk(alice.emitWithAck("chat:join", Map.of("roomId", "room_left")));
        assertOk(alice.emitWithAck("chat:typing", Map.of("roomId", "room_left", "isTyping", true)));
        assertThat(bob.awaitEvent("chat:typing").path("isTyping").booleanValue()).isTrue();
        assertOk(alice.emitWithAck("leave", Map.of("room", "chat:room_left")));
        assertThat(bob.awaitEvent("chat:typing", TYPING_TIMEOUT.minusMillis(300)))
                .isEqualTo(typing("room_left", "alice_left", false));
        bob.assertNoEvent("chat:typing", TYPING_TIMEOUT);
    }

    @Test
    void typingIsForbiddenToNonMembersAndMalformedTypingIsRefused() {
        TestSocket bob = member("bob_forbidden", "room_forbidden");
        // Allowed to join, but not in the room.
        TestSocket carol = connect(server.tokens().patient("carol_forbidden", "chat:room_forbidden"));

        assertError(carol.emitWithAck("chat:typing", Map.of("roomId", "room_forbidden", "isTyping", true)),
                "FORBIDDEN");
        assertError(bob.emitWithAck("chat:typing", Map.of("roomId", "room_forbidden", "isTyping", "yes")),
                "BAD_REQUEST");
        assertError(bob.emitWithAck("chat:typing", Map.of("roomId", "room_forbidden")), "BAD_REQUEST");
        assertError(bob.emitWithAck("chat:typing", Map.of("roomId", 7, "isTyping", true)), "BAD_REQUEST");
        assertError(bob.emitWithAck("chat:typing"), "BAD_REQUEST");
        assertError(bob.emitWithAck("chat:typing", Map.of("roomId", "room forbidden", "isTyping", true)),
                "INVALID_ROOM");
        bob.assertNoEvent("chat:typing", QUIET);
    }

    // ---------------------------------------------------------------- helpers

    private TestSocket connect(String token) {
        TestSocket socket = server.connect(token);
        sockets.add(socket);
        socket.awaitConnect();
        return socket;
    }

    /** A patient whose token allows {@code chat:roomId}, connected and joined through {@code chat:join}. */
    private TestSocket member(String userId, String roomId) {
        TestSocket socket = connect(server.tokens().patient(userId, "chat:" + roomId));
        assertOk(socket.emitWithAck("chat:join", Map.of("roomId", roomId)));
        return socket;
    }

    private static ObjectNode message(String roomId) {
        ObjectNode message = JSON.createObjectNode();
        message.put("id", "msg_123");
        message.put("roomId", roomId);
        message.put("senderId", "user_789");
        message.put("senderType", "patient");
        message.put("content", "Hello world");
        message.put("messageType", "TEXT");
        message.put("createdAt", "2024-12-20T10:30:00Z");
        return message;
    }

    private static JsonNode typing(String roomId, String userId, boolean isTyping) {
        return JSON.createObjectNode().put("roomId", roomId).put("userId", userId).put("isTyping", isTyping);
    }

    private static void assertOk(JsonNode ackArgs) {
        assertThat(ackArgs.path(0).path("ok").asBoolean()).as(ackArgs.toString()).isTrue();
    }

    private static void assertError(JsonNode ackArgs, String code) {
        assertThat(ackArgs.path(0).path("ok").isBoolean()).as(ackArgs.toString()).isTrue();
        assertThat(ackArgs.path(0).path("ok").booleanValue()).as(ackArgs.toString()).isFalse();
        assertThat(ackArgs.path(0).path("error").path("code").asText()).as(ackArgs.toString()).isEqualTo(code);
        assertThat(ackArgs.path(0).path("error").path("message").asText()).as(ackArgs.toString()).isNotBlank();
    }
}
