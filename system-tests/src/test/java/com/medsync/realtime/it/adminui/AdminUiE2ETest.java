package com.medsync.realtime.it.adminui;

import at.favre.lib.crypto.bcrypt.BCrypt;

import com.fasterxml.jackson.databind.JsonNode;
import com.medsync.realtime.it.fixture.EmbeddedMedsync;
import com.medsync.realtime.it.fixture.LiveServer;
import com.medsync.realtime.it.support.JsClients;
import com.medsync.realtime.it.support.JsSocket;
import com.medsync.realtime.server.MedsyncServer;
import com.medsync.realtime.server.config.InvalidSettingException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Socket.IO Admin UI's protocol on /admin, served on a port of its own (medsync.admin-ui.port), never on the
 * apps' Socket.IO port, with the official socket.io-client playing the Admin UI as
 * @socket.io/admin-ui 0.5 does: it connects with {username, password}, gets session, config, all_sockets and
 * server_stats, sees the apps' sockets come, join rooms, upgrade and go, and sends join, leave and _disconnect.
 */
class AdminUiE2ETest {

    private static final String USERNAME = "ops";
    private static final String PASSWORD = "correct horse battery staple";
    private static final String ADMIN = "/admin";
    private static final String CANONICAL = MedsyncServer.CANONICAL_NAMESPACE;
    private static final Duration QUIET = Duration.ofMillis(300);

    @RegisterExtension
    static final LiveServer live = LiveServer.withTestEvents(Map.of(
            "medsync.admin-ui.enabled", true,
            "medsync.admin-ui.username", USERNAME,
            // Cost 4, the lowest, keeps the test fast; the check is the same at any cost.
            "medsync.admin-ui.password-hash", BCrypt.withDefaults().hashToString(4, PASSWORD.toCharArray()),
            "medsync.admin-ui.server-id", "node-under-test",
            "medsync.admin-ui.stats-interval", "300ms"));

    private static Map<String, Object> adminOptions(Map<String, ?> auth) {
        Map<String, Object> opts = new LinkedHashMap<>();
        opts.put("auth", auth);
        opts.put("reconnection", false);
        return opts;
    }

    private JsSocket admin() {
        JsSocket admin = live.js().connect(live.medsync().adminUiUrl(ADMIN),
                adminOptions(Map.of("username", USERNAME, "password", PASSWORD)));
        admin.awaitConnect();
        return admin;
    }

    /** An app's client, connected: its socket id is {@code socket.id()} of the driver's connect event. */
    private record App(JsSocket socket, String id) {
    }

    private static App app(EmbeddedMedsync node, String token) {
        Map<String, Object> opts = JsClients.auth(token);
        opts.put("reconnection", false);
        JsSocket socket = live.js().connect(node.canonicalUrl(), opts);
        return new App(socket, socket.awaitConnect().id());
    }

    /** The next {@code event} whose arguments satisfy {@code match}, skipping the others (other tests' sockets). */
    private static JsonNode awaitEvent(JsSocket socket, String event, java.util.function.Predicate<JsonNode> match) {
        return socket.await(event, JsClients.DEFAULT_TIMEOUT, e -> "event".equals(e.path("type").asText())
                && event.equals(e.path("event").asText()) && match.test(e.path("args"))).path("args");
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }

    @Test
    void anAdminUiLoggingInGetsItsSessionTheConfigEverySocketAndTheNodesFigures() {
        App patient = app(live.medsync(), live.medsync().patientToken("patient_listed"));
        String patientId = patient.id();

        JsSocket admin = admin();

        assertThat(admin.awaitEventPayload("session").asText()).matches("[0-9a-f]{32}");
        JsonNode config = admin.awaitEventPayload("config");
        assertThat(texts(config.path("supportedFeatures"))).containsExactly("JOIN", "LEAVE", "DISCONNECT", "MJOIN",
                "MLEAVE", "MDISCONNECT", "AGGREGATED_EVENTS", "ALL_EVENTS");

        JsonNode sockets = admin.awaitEventPayload("all_sockets");
        JsonNode listed = null;
        for (JsonNode socket : sockets) {
            if (patientId.equals(socket.path("id").asText())) {
                listed = socket;
            }
        }
        assertThat(listed).as("all_sockets %s lists the patient %s", sockets, patientId).isNotNull();
        assertThat(listed.path("nsp").asText()).isEqualTo(CANONICAL);
        assertThat(listed.path("clientId").asText()).hasSize(12);
        assertThat(listed.path("transport").asText()).isIn("polling", "websocket");
        assertThat(texts(listed.path("rooms"))).containsExactly(patientId, "user:patient_listed");
        assertThat(listed.path("data").path("userId").asText()).isEqualTo("patient_listed");
        assertThat(listed.path("handshake").path("address").asText()).isEqualTo("127.0.0.1");
        assertThat(listed.path("handshake").path("issued").asLong()).isPositive();
        // The admin namespace itself is nobody's business but its own.
        sockets.forEach(socket -> assertThat(socket.path("nsp").asText()).isNotEqualTo(ADMIN));

        JsonNode stats = admin.awaitEventPayload("server_stats");
        assertThat(stats.path("serverId").asText()).isEqualTo("node-under-test");
        assertThat(stats.path("hostname").asText()).isNotBlank();
        assertThat(stats.path("pid").asLong()).isEqualTo(ProcessHandle.current().pid());
        assertThat(stats.path("uptime").asDouble()).isPositive();
        // The patient's connection at least; the Admin UI's own is on its port, not counted with the apps'.
        assertThat(stats.path("clientsCount").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(stats.path("pollingClientsCount").isInt()).isTrue();
        assertThat(stats.path("aggregatedEvents").isArray()).isTrue();
        assertThat(stats.path("namespaces").toString()).contains("\"name\":\"" + CANONICAL + "\"");

        // The next reports come by themselves, counting what the apps' port did meanwhile (not the Admin UI's own
        // packets, on its port): the patient sends one.
        patient.socket().emitWithAck("join", Map.of("room", "user:patient_listed"));
        JsonNode later = awaitEvent(admin, "server_stats", args -> args.path(0).path("aggregatedEvents").toString()
                .contains("packetsIn"));
        assertThat(later.path(0).path("aggregatedEvents").path(0).path("timestamp").asLong() % 1000).isZero();
        admin.close();
        patient.socket().close();
    }

    @Test
    void anAdminUiSeesAppSocketsComeJoinUpgradeAndGoAndDisconnectsOne() {
        JsSocket admin = admin();
        admin.awaitEvent("all_sockets");

        // Polling first, then the upgrade, as browsers connect by default.
        Map<String, Object> opts = JsClients.auth(live.medsync().patientToken("patient_watched", "chat:room_watched"));
        opts.put("reconnection", false);
        JsSocket patient = live.js().connect(live.medsync().canonicalUrl(), opts);
        String id = patient.awaitConnect().id();

        JsonNode connected = awaitEvent(admin, "socket_connected", args -> id.equals(args.path(0).path("id").asText()));
        assertThat(connected.path(0).path("nsp").asText()).isEqualTo(CANONICAL);
        assertThat(connected.path(1).asText()).as("timestamp").endsWith("Z");
        awaitEvent(admin, "socket_updated", args -> id.equals(args.path(0).path("id").asText())
                && "websocket".equals(args.path(0).path("transport").asText()));

        assertThat(patient.emitWithAck("join", Map.of("room", "chat:room_watched")).path(0).path("ok").asBoolean())
                .isTrue();
        JsonNode joined = awaitEvent(admin, "room_joined", args -> id.equals(args.path(2).asText())
                && args.path(1).asText().startsWith("chat:"));
        assertThat(texts(joined).subList(0, 3)).containsExactly(CANONICAL, "chat:room_watched", id);

        // As the Admin UI's "disconnect this socket" button sends it: no acknowledgement asked.
        admin.emit("_disconnect", CANONICAL, false, id);
        assertThat(patient.awaitDisconnect()).isEqualTo("io server disconnect");
        JsonNode gone = awaitEvent(admin, "socket_disconnected", args -> id.equals(args.path(1).asText()));
        assertThat(gone.path(0).asText()).isEqualTo(CANONICAL);
        assertThat(gone.path(2).asText()).isEqualTo("server namespace disconnect");
        awaitEvent(admin, "room_left", args -> id.equals(args.path(2).asText())
                && "chat:room_watched".equals(args.path(1).asText()));
        awaitEvent(admin, "room_left", args -> id.equals(args.path(2).asText()) && id.equals(args.path(1).asText()));
        // As from the reference server, every room it leaves (its own too) before its disconnection.
        List<String> itsEnd = admin.events().stream()
                .filter(e -> "event".equals(e.path("type").asText()))
                .filter(e -> "room_left".equals(e.path("event").asText()) && id.equals(e.path("args").path(2).asText())
                        || "socket_disconnected".equals(e.path("event").asText())
                        && id.equals(e.path("args").path(1).asText()))
                .map(e -> e.path("event").asText())
                .toList();
        assertThat(itsEnd).endsWith("room_left", "socket_disconnected").containsOnlyOnce("socket_disconnected");
        admin.close();
    }

    @Test
    void joinGoesThroughTheRoomPolicyAndLeaveAndWholeClientDisconnectWork() {
        JsSocket admin = admin();
        admin.awaitEvent("all_sockets");
        App app = app(live.medsync(), live.medsync().patientToken("patient_moved", "chat:room_allowed"));
        JsSocket patient = app.socket();
        String id = app.id();

        JsonNode allowed = admin.emitWithAck("join", JsClients.DEFAULT_TIMEOUT, CANONICAL, "chat:room_allowed", id);
        assertThat(allowed.path(0).path("ok").asBoolean()).as(allowed.toString()).isTrue();
        assertThat(allowed.path(0).path("changed").asInt()).isEqualTo(1);
        awaitEvent(admin, "room_joined", args -> id.equals(args.path(2).asText())
                && "chat:room_allowed".equals(args.path(1).asText()));

        // An operator cannot give a patient a pharmacy's room that the patient's token does not allow.
        JsonNode refused = admin.emitWithAck("join", JsClients.DEFAULT_TIMEOUT, CANONICAL, "pharmacy:someone_else", id);
        assertThat(refused.path(0).path("sockets").asInt()).isEqualTo(1);
        assertThat(refused.path(0).path("changed").asInt()).isZero();

        JsonNode invalid = admin.emitWithAck("join", JsClients.DEFAULT_TIMEOUT, CANONICAL, "not a room", id);
        assertThat(invalid.path(0).path("error").path("code").asText()).isEqualTo("INVALID_ROOM");
        JsonNode unknownNamespace = admin.emitWithAck("join", JsClients.DEFAULT_TIMEOUT, ADMIN, "chat:room_allowed");
        assertThat(unknownNamespace.path(0).path("error").path("code").asText()).isEqualTo("BAD_REQUEST");

        // The rooms page's "leave" for one socket, then "clear" (every socket of the room) finds nobody left.
        admin.emit("leave", CANONICAL, "chat:room_allowed", id);
        awaitEvent(admin, "room_left", args -> id.equals(args.path(2).asText())
                && "chat:room_allowed".equals(args.path(1).asText()));
        JsonNode cleared = admin.emitWithAck("leave", JsClients.DEFAULT_TIMEOUT, CANONICAL, "chat:room_allowed",
                "chat:room_allowed");
        assertThat(cleared.path(0).path("sockets").asInt()).isZero();

        // The clients page's "disconnect this client": close = true ends its connection.
        JsonNode closed = admin.emitWithAck("_disconnect", JsClients.DEFAULT_TIMEOUT, CANONICAL, true, id);
        assertThat(closed.path(0).path("changed").asInt()).isEqualTo(1);
        assertThat(patient.awaitDisconnect()).isEqualTo("io server disconnect");
        admin.close();
    }

    @Test
    void wrongCredentialsAndAppTokensAreRefusedAndASessionIdLetsTheUiBackIn() {
        JsSocket wrong = live.js().connect(live.medsync().adminUiUrl(ADMIN),
                adminOptions(Map.of("username", USERNAME, "password", "wrong")));
        assertThat(wrong.awaitConnectError().message()).isEqualTo("invalid credentials");

        JsSocket stranger = live.js().connect(live.medsync().adminUiUrl(ADMIN),
                adminOptions(Map.of("username", "someone", "password", PASSWORD)));
        assertThat(stranger.awaitConnectError().message()).isEqualTo("invalid credentials");
        // Refused logins on the Admin UI's port still reach the node's metrics, the only thing of that port there.
        assertThat(live.medsync().get("/metrics").body()).contains("medsync_auth_failures_total{namespace=\"/admin\"");

        // An app's token, even an admin's, opens nothing here.
        JsSocket withToken = live.js().connect(live.medsync().adminUiUrl(ADMIN), adminOptions(Map.of("token",
                live.medsync().token("admin_user", com.medsync.realtime.spi.auth.Role.ADMIN,
                        java.util.Optional.empty()))));
        assertThat(withToken.awaitConnectError().message()).isEqualTo("invalid credentials");

        JsSocket admin = admin();
        String session = admin.awaitEventPayload("session").asText();
        admin.close();
        JsSocket back = live.js().connect(live.medsync().adminUiUrl(ADMIN), adminOptions(Map.of("sessionId", session)));
        back.awaitConnect();
        back.awaitEvent("config");
        back.assertNoEvent("session", QUIET);
        back.close();

        JsSocket forged = live.js().connect(live.medsync().adminUiUrl(ADMIN), adminOptions(Map.of("sessionId", "0123")));
        assertThat(forged.awaitConnectError().message()).isEqualTo("invalid credentials");
    }

    @Test
    void adminIsOnlyOnItsOwnPortAndTheAppsNamespacesAreNotThere() {
        assertThat(live.medsync().server().adminUiPort()).isPresent().get().isNotEqualTo(live.medsync().socketPort());

        // The apps' port, the one the load balancer exposes, has no /admin, whatever the client sends.
        JsSocket onAppsPort = live.js().connect(live.medsync().url(ADMIN),
                adminOptions(Map.of("username", USERNAME, "password", PASSWORD)));
        assertThat(onAppsPort.awaitConnectError().message()).isEqualTo("Invalid namespace");

        // The Admin UI's port serves no app namespace, not even with a valid app token.
        Map<String, Object> opts = JsClients.auth(live.medsync().patientToken("patient_lost"));
        opts.put("reconnection", false);
        JsSocket appOnAdminPort = live.js().connect(live.medsync().adminUiUrl(CANONICAL), opts);
        assertThat(appOnAdminPort.awaitConnectError().message()).isEqualTo("Invalid namespace");
        JsSocket rootOnAdminPort = live.js().connect(live.medsync().adminUiUrl("/"), opts);
        assertThat(rootOnAdminPort.awaitConnectError().message()).isEqualTo("Invalid namespace");

        // And an Admin UI connected on its port still sees the apps' sockets on theirs, but not itself.
        JsSocket admin = admin();
        JsonNode stats = admin.awaitEventPayload("server_stats");
        assertThat(stats.path("namespaces").toString()).contains("\"name\":\"" + CANONICAL + "\"")
                .doesNotContain("\"name\":\"" + ADMIN + "\"");
        admin.close();
    }

    @Test
    void appSocketsGetNothingOfTheAdminUi() {
        JsSocket patient = app(live.medsync(), live.medsync().patientToken("patient_unaware")).socket();
        JsSocket admin = admin();
        admin.awaitEvent("server_stats");
        JsSocket other = app(live.medsync(), live.medsync().patientToken("patient_other")).socket();
        live.js().sync();

        patient.assertNoEvent("socket_connected", QUIET);
        assertThat(patient.eventNames()).isEmpty();
        admin.close();
        patient.close();
        other.close();
    }

    @Test
    void aReadOnlyAdminUiWatchesWithoutLoginAndItsCommandsAreRefused() {
        int adminPort;
        try (EmbeddedMedsync node = EmbeddedMedsync.start(Map.of("medsync.admin-ui.enabled", true,
                "medsync.admin-ui.readonly", true))) {
            adminPort = node.server().adminUiPort().orElseThrow();
            App app = app(node, node.patientToken("patient_safe"));
            JsSocket patient = app.socket();
            String id = app.id();
            JsSocket admin = live.js().connect(node.adminUiUrl(ADMIN), adminOptions(Map.of()));
            admin.awaitConnect();

            JsonNode config = admin.awaitEventPayload("config");
            assertThat(texts(config.path("supportedFeatures"))).containsExactly("AGGREGATED_EVENTS", "ALL_EVENTS");
            assertThat(admin.awaitEventPayload("all_sockets").toString()).contains(id);
            // The apps' connections only: the Admin UI's own, on its port, is not one of them.
            assertThat(admin.awaitEventPayload("server_stats").path("clientsCount").asInt()).isEqualTo(1);

            JsonNode refused = admin.emitWithAck("_disconnect", JsClients.DEFAULT_TIMEOUT, CANONICAL, false, id);
            assertThat(refused.path(0).path("error").path("code").asText()).isEqualTo("FORBIDDEN");
            admin.emit("_disconnect", CANONICAL, true, id);
            admin.emit("join", CANONICAL, "user:patient_safe", id);
            live.js().sync();
            patient.assertNoEvent("never", QUIET);
            assertThat(patient.events().stream().map(e -> e.path("type").asText())).doesNotContain("disconnect");
            admin.close();
            patient.close();
        }
        // The node's close closed the Admin UI's port too.
        assertThatThrownBy(() -> new java.net.Socket("127.0.0.1", adminPort).close())
                .isInstanceOf(java.net.ConnectException.class);
    }

    @Test
    void byDefaultThereIsNoAdminNamespaceNorAdminPort() {
        try (EmbeddedMedsync node = EmbeddedMedsync.start()) {
            assertThat(node.server().adminUiPort()).isEmpty();
            JsSocket admin = live.js().connect(node.url(ADMIN),
                    adminOptions(Map.of("username", USERNAME, "password", PASSWORD)));
            assertThat(admin.awaitConnectError().message()).isEqualTo("Invalid namespace");
        }
    }

    @Test
    void theAdminUiPortMustNotBeTheAppsPort() {
        int socketPort = com.medsync.realtime.it.support.FreePorts.find();
        assertThatThrownBy(() -> EmbeddedMedsync.start(Map.of("medsync.admin-ui.enabled", true,
                "medsync.admin-ui.readonly", true, "medsync.socket.port", socketPort,
                "medsync.admin-ui.port", socketPort)))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("medsync.admin-ui.port");
    }

    @Test
    void anAdminUiThatCouldActWithoutALoginStopsTheStart() {
        assertThatThrownBy(() -> EmbeddedMedsync.start(Map.of("medsync.admin-ui.enabled", true)))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("medsync.admin-ui.enabled")
                .hasMessageContaining("readonly");
        assertThatThrownBy(() -> EmbeddedMedsync.start(Map.of("medsync.admin-ui.enabled", true,
                "medsync.admin-ui.username", USERNAME, "medsync.admin-ui.password-hash", PASSWORD)))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("bcrypt")
                .hasMessageNotContaining(PASSWORD);
    }
}
