package com.medsync.realtime.it.adminui;

import at.favre.lib.crypto.bcrypt.BCrypt;

import com.fasterxml.jackson.databind.JsonNode;
import com.medsync.realtime.it.fixture.EmbeddedMedsync;
import com.medsync.realtime.it.support.Browser;
import com.medsync.realtime.it.support.JsClients;
import com.medsync.realtime.it.support.JsSocket;
import com.medsync.realtime.it.support.StaticFiles;
import com.medsync.realtime.server.MedsyncServer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIf;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stock Socket.IO Admin UI, the build that {@code @socket.io/admin-ui} 0.5 ships in {@code ui/dist}, served from
 * 127.0.0.1 and driven in Debian's headless chromium against a node's Admin UI port, as an operator uses it: the
 * connection form refused with a wrong password, then connected; the node under Servers; official socket.io-client
 * sockets under Sockets and their rooms under Rooms; a socket's details and a join from there, through the room
 * policy, and its client under Clients; a socket disconnected from the UI; the UI reloaded back in on its session; and a read-only node, over
 * WebSocket only, whose pages offer no disconnect and whose node refuses the join the UI still offers. Screenshots go to
 * {@code target/admin-ui-screenshots}. Skipped, saying so, where chromium is not installed.
 *
 * <p>The UI is not ours: its fields have generated ids, so they are found by their labels (puppeteer's ARIA
 * selectors) and its rows by their text (XPath), as a person finds them. Its index.html links fonts from CDNs; the
 * browser resolves no host but 127.0.0.1 and localhost, so those requests fail (the icons are blank in the screenshots) and nothing
 * leaves the machine.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@EnabledIf(value = "com.medsync.realtime.it.support.Browser#chromiumInstalled",
        disabledReason = "chromium is not installed: the stock Admin UI is not tested in a browser")
class AdminUiBrowserE2ETest {

    private static final String USERNAME = "ops";
    private static final String PASSWORD = "correct horse battery staple";
    private static final String SERVER_ID = "node-under-test";
    private static final String CANONICAL = MedsyncServer.CANONICAL_NAMESPACE;
    private static final Duration UI_TIMEOUT = Duration.ofSeconds(15);

    private static final String DIALOG = ".v-dialog--active";
    private static final String SERVER_URL_FIELD = field("Server URL");
    private static final String USERNAME_FIELD = field("Username");
    private static final String PASSWORD_FIELD = DIALOG + " input[type='password']";
    private static final String NAMESPACE_FIELD = field("Admin namespace");
    private static final String ADVANCED_OPTIONS = "::-p-aria([name=\"Advanced options\"][role=\"switch\"])";
    private static final String WEBSOCKET_ONLY = "::-p-aria([name=\"WebSocket only?\"][role=\"switch\"])";
    private static final String CONNECT = DIALOG + " button[type='submit']";
    private static final String FORM_ERROR = DIALOG + " .red--text";
    private static final String STATUS = ".v-app-bar .v-chip";
    private static final String ROWS = "tbody tr";
    private static final String JOIN_A_ROOM = field("Join a room");
    private static final String JOIN = ".v-main form button[type='submit']";
    /** How long a refused command is given to show, were it not refused. */
    private static final Duration QUIET = Duration.ofSeconds(2);

    private static StaticFiles ui;
    private static EmbeddedMedsync medsync;
    private static JsClients js;
    private static Browser browser;
    private static Path screenshots;
    private static App watched;
    private static App arrived;

    /** An app's socket, with the id the client got. */
    private record App(JsSocket socket, String id) {
    }

    @BeforeAll
    static void serveTheUiAndStartANodeABrowserAndAClient() {
        ui = new StaticFiles(JsClients.jsDir().resolve("node_modules/@socket.io/admin-ui/ui/dist"));
        // The UI's page is on an origin of its own, which the node must allow, as for the hosted UI.
        medsync = EmbeddedMedsync.start(Map.of(
                "medsync.admin-ui.enabled", true,
                "medsync.admin-ui.username", USERNAME,
                "medsync.admin-ui.password-hash", BCrypt.withDefaults().hashToString(4, PASSWORD.toCharArray()),
                "medsync.admin-ui.server-id", SERVER_ID,
                "medsync.admin-ui.stats-interval", "500ms",
                "medsync.allowed-origins", List.of(ui.origin())));
        js = new JsClients();
        browser = new Browser();
        screenshots = Path.of(System.getProperty("medsync.it.adminUiScreenshots", "target/admin-ui-screenshots"));
        // Connected before the UI, so it comes in all_sockets, which also makes its namespace the one shown.
        watched = app(medsync, "patient_ui", "chat:room_ui");
        assertThat(watched.socket().emitWithAck("join", Map.of("room", "chat:room_ui")).path(0).path("ok")
                .asBoolean()).isTrue();
    }

    @AfterAll
    static void stop() throws Exception {
        // In the order they depend on each other; what the skip left unstarted is null.
        for (AutoCloseable started : new AutoCloseable[] {browser, js, medsync, ui}) {
            if (started != null) {
                started.close();
            }
        }
    }

    private static String field(String label) {
        return "::-p-aria([name=\"" + label + "\"][role=\"textbox\"])";
    }

    /** The row of the page's table whose first cell is {@code first}, or a path below it. */
    private static String row(String first, String below) {
        return "::-p-xpath(//tbody/tr[td[1][normalize-space()='" + first + "']]" + below + ")";
    }

    private static App app(EmbeddedMedsync node, String userId, String... rooms) {
        Map<String, Object> opts = JsClients.auth(node.patientToken(userId, rooms));
        opts.put("reconnection", false);
        JsSocket socket = js.connect(node.canonicalUrl(), opts);
        return new App(socket, socket.awaitConnect().id());
    }

    private static String uiUrl() {
        return ui.origin() + "/";
    }

    private static String adminUiUrl(EmbeddedMedsync node) {
        return "http://127.0.0.1:" + node.server().adminUiPort().orElseThrow();
    }

    private static void screenshot(String name) {
        browser.screenshot(screenshots.resolve(name + ".png"));
    }

    /** Through the navigation drawer's link, as a person does: the page keeps its connection. */
    private static void goTo(String page) {
        browser.click("nav a[href='#/" + page + "']");
    }

    private static void fillConnectionForm(String serverUrl, String username, String password) {
        browser.fill(SERVER_URL_FIELD, serverUrl);
        if (!username.isEmpty()) {
            browser.fill(USERNAME_FIELD, username);
            browser.fill(PASSWORD_FIELD, password);
        }
        browser.click(ADVANCED_OPTIONS);
        browser.fill(NAMESPACE_FIELD, "/admin");
    }

    @Test
    @Order(1)
    void theUiOpensOnItsConnectionFormWithNoServerRemembered() {
        Browser.Document page = browser.open(uiUrl());

        assertThat(page.status()).isEqualTo(200);
        browser.waitForText(DIALOG + " .v-card__title", "Connection", UI_TIMEOUT);
        browser.waitForExactText(STATUS, "disconnected", UI_TIMEOUT);
        assertThat(browser.storage().path("local").has("server_url")).isFalse();
        screenshot("connection-form");
    }

    @Test
    @Order(2)
    void aWrongPasswordGetsTheUisInvalidCredentials() {
        fillConnectionForm(adminUiUrl(medsync), USERNAME, "not the password");
        browser.click(CONNECT);

        browser.waitForText(FORM_ERROR, "Invalid credentials", UI_TIMEOUT);
        assertThat(browser.texts(STATUS)).allMatch(status -> status.trim().equals("disconnected"));
        assertThat(browser.storage().path("local").has("server_url")).as("only a connection is remembered")
                .isFalse();
        screenshot("invalid-credentials");
    }

    @Test
    @Order(3)
    void theRightPasswordConnectsAndTheUiShowsTheNode() {
        browser.fill(PASSWORD_FIELD, PASSWORD);
        browser.click(CONNECT);

        browser.waitUntilGone(DIALOG, UI_TIMEOUT);
        browser.waitForExactText(STATUS, "connected", UI_TIMEOUT);
        browser.waitForExactText(".v-app-bar code", adminUiUrl(medsync), UI_TIMEOUT);
        JsonNode local = browser.storage().path("local");
        assertThat(local.path("server_url").asText()).isEqualTo(adminUiUrl(medsync));
        assertThat(local.path("namespace").asText()).isEqualTo("/admin");
        assertThat(local.path("session_id").asText()).as("the session the node gave").matches("[0-9a-f]{32}");
        assertThat(local.toString()).doesNotContain(PASSWORD);
        // The dashboard's figures come from server_stats: the one app client, on WebSocket; its namespace.
        browser.waitForExactText("td code", CANONICAL, UI_TIMEOUT);
        browser.waitForText(row("WebSocket", "/td[2]"), "100.0 %", UI_TIMEOUT);
        screenshot("dashboard");

        goTo("servers");
        browser.waitForExactText(ROWS + " td", SERVER_ID, UI_TIMEOUT);
        List<String> server = trimmed(browser.texts(row(SERVER_ID, "/td")));
        assertThat(server.get(2)).as("pid").isEqualTo(String.valueOf(ProcessHandle.current().pid()));
        assertThat(server).contains("Healthy");
        screenshot("servers");
    }

    @Test
    @Order(4)
    void theSocketsPageListsTheAppsSocketsByIdAsTheyCome() {
        goTo("sockets");
        browser.waitForExactText(ROWS + " td", watched.id(), UI_TIMEOUT);
        assertThat(trimmed(browser.texts(row(watched.id(), "/td")))).startsWith(watched.id(), "127.0.0.1");
        assertThat(browser.texts(row(watched.id(), "//button"))).as("its disconnect button").hasSize(1);

        // One that comes while the page is open, by socket_connected, then moves to WebSocket by socket_updated.
        arrived = app(medsync, "patient_arrived", "chat:room_arrived");
        browser.waitForExactText(ROWS + " td", arrived.id(), UI_TIMEOUT);
        browser.waitForText(row(arrived.id(), ""), "WebSocket", UI_TIMEOUT);
        screenshot("sockets");
    }

    @Test
    @Order(5)
    void theRoomsPageShowsTheSocketsRooms() {
        goTo("rooms");

        browser.waitForExactText(ROWS + " td", "chat:room_ui", UI_TIMEOUT);
        assertThat(trimmed(browser.texts(row("chat:room_ui", "/td")))).startsWith("chat:room_ui", "Public", "1");
        browser.waitForExactText(ROWS + " td", "user:patient_ui", UI_TIMEOUT);
        // A socket's room of its own is private, which the page hides unless asked (the Sockets page's row of the
        // same id goes with that page's leaving transition).
        browser.waitUntilGone(row(watched.id(), ""), UI_TIMEOUT);
        screenshot("rooms");
    }

    @Test
    @Order(6)
    void aSocketsDetailsShowItsUserAndClientAndItsJoinFormGoesThroughTheRoomPolicy() {
        goTo("sockets");
        browser.click(row(arrived.id(), "/td[1]"));

        browser.waitForText(".v-main pre code", "\"userId\": \"patient_arrived\"", UI_TIMEOUT);
        browser.waitForExactText(".v-main td", CANONICAL, UI_TIMEOUT);
        // Refused: the patient's token does not give it a pharmacy's room. Its commands are handled in order, so
        // by the time the allowed join shows, the refused one would have too.
        browser.fill(JOIN_A_ROOM, "pharmacy:someone_else");
        browser.click(JOIN);
        browser.fill(JOIN_A_ROOM, "chat:room_arrived");
        browser.click(JOIN);

        browser.waitForExactText(ROWS + " td", "chat:room_arrived", UI_TIMEOUT);
        assertThat(trimmed(browser.texts(ROWS + " td"))).doesNotContain("pharmacy:someone_else");
        screenshot("socket-details");

        // Its client, by the id the details link to, under Clients: one socket, on WebSocket.
        String clientId = browser.texts(".v-main a.link").get(0).trim();
        assertThat(clientId).hasSize(12);
        goTo("clients");
        browser.waitForExactText(ROWS + " td", clientId, UI_TIMEOUT);
        assertThat(trimmed(browser.texts(row(clientId, "/td")))).startsWith(clientId, "127.0.0.1", "WebSocket", "1");
    }

    @Test
    @Order(7)
    void aSocketDisconnectedFromTheUiGetsIoServerDisconnect() {
        goTo("sockets");
        browser.click(row(watched.id(), "//button"));

        assertThat(watched.socket().awaitDisconnect(UI_TIMEOUT)).isEqualTo("io server disconnect");
        // The click also reached the button's row, which opens the socket's details: back to the list.
        goTo("sockets");
        browser.waitForExactText(ROWS + " td", arrived.id(), UI_TIMEOUT);
        browser.waitUntilGone(row(watched.id(), ""), UI_TIMEOUT);

        goTo("events");
        String disconnection = browser.waitForText(ROWS, "server namespace disconnect", UI_TIMEOUT);
        assertThat(disconnection).contains(watched.id(), "Disconnection");
        screenshot("events");
    }

    @Test
    @Order(8)
    void theUiReloadedComesBackOnItsSessionWithoutThePassword() {
        browser.open(uiUrl());

        browser.waitForExactText(STATUS, "connected", UI_TIMEOUT);
        assertThat(browser.texts(DIALOG)).isEmpty();
        goTo("sockets");
        browser.waitForExactText(ROWS + " td", arrived.id(), UI_TIMEOUT);
    }

    @Test
    @Order(9)
    void aReadOnlyNodesPagesOfferNoDisconnectAndItsJoinFormChangesNothing() throws InterruptedException {
        try (EmbeddedMedsync readonly = EmbeddedMedsync.start(Map.of(
                "medsync.admin-ui.enabled", true,
                "medsync.admin-ui.readonly", true,
                "medsync.admin-ui.server-id", "read-only-node",
                "medsync.allowed-origins", List.of(ui.origin())))) {
            App patient = app(readonly, "patient_read_only", "chat:room_read_only", "chat:room_read_only_too");
            assertThat(patient.socket().emitWithAck("join", Map.of("room", "chat:room_read_only")).path(0)
                    .path("ok").asBoolean()).isTrue();
            // Another operator's browser: nothing remembered of the other node.
            browser.clearStorage();
            browser.open(uiUrl());
            fillConnectionForm(adminUiUrl(readonly), "", "");
            browser.click(WEBSOCKET_ONLY);
            browser.click(CONNECT);

            browser.waitUntilGone(DIALOG, UI_TIMEOUT);
            browser.waitForExactText(STATUS, "connected", UI_TIMEOUT);
            assertThat(browser.storage().path("local").path("ws_only").asText()).isEqualTo("true");
            goTo("sockets");
            browser.waitForExactText(ROWS + " td", patient.id(), UI_TIMEOUT);
            assertThat(browser.texts(row(patient.id(), "//button"))).as("no disconnect button").isEmpty();
            screenshot("read-only-sockets");

            goTo("rooms");
            browser.waitForExactText(ROWS + " td", "chat:room_read_only", UI_TIMEOUT);
            assertThat(browser.texts(ROWS + " button")).as("no clear nor disconnect button").isEmpty();
            screenshot("read-only-rooms");

            // The UI hides what the node's config does not offer, but not its join form: the node refuses the join.
            goTo("sockets");
            browser.click(row(patient.id(), "/td[1]"));
            browser.waitForExactText(ROWS + " td", "chat:room_read_only", UI_TIMEOUT);
            browser.fill(JOIN_A_ROOM, "chat:room_read_only_too");
            browser.click(JOIN);
            Thread.sleep(QUIET.toMillis());
            assertThat(trimmed(browser.texts(ROWS + " td"))).doesNotContain("chat:room_read_only_too");
            assertThat(patient.socket().events().stream().map(event -> event.path("type").asText()))
                    .doesNotContain("disconnect");
        }
    }

    @Test
    @Order(10)
    void noPageThrewAndNothingLeftTheMachine() {
        List<JsonNode> messages = browser.pageMessages();

        assertThat(messages).noneMatch(message -> message.path("type").asText().equals("pageerror"));
        // The CDN fonts of its index.html: refused by name, never fetched.
        messages.stream().filter(message -> message.path("type").asText().equals("requestfailed"))
                .filter(message -> !"127.0.0.1".equals(URI.create(message.path("url").asText()).getHost()))
                .forEach(message -> assertThat(message.path("error").asText()).as(message.toString())
                        .isEqualTo("net::ERR_NAME_NOT_RESOLVED"));
    }

    private static List<String> trimmed(List<String> texts) {
        return texts.stream().map(String::trim).toList();
    }
}
