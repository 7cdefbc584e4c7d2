package com.medsync.realtime.it.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.medsync.realtime.it.fixture.EmbeddedMedsync;
import com.medsync.realtime.it.fixture.FeaturePlugins;
import com.medsync.realtime.it.support.AuditTrail;
import com.medsync.realtime.it.support.Browser;
import com.medsync.realtime.it.support.JsClients;
import com.medsync.realtime.it.support.JsSocket;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operator console in a real browser: Debian's headless chromium driven through puppeteer-core, against a
 * node with the five feature plugins in week1 and the official socket.io-client as its clients. The tests run in
 * order, as one operator's session: the login refused, then accepted, the Overview following a client, week3
 * applied from Phases, the pages of the other admin endpoints, the logout. Screenshots go to
 * {@code target/console-screenshots}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserE2ETest {

    private static final String OPERATOR = "e2e-operator";
    private static final Duration UI_TIMEOUT = Duration.ofSeconds(15);
    private static final String CANONICAL_CONNECTIONS = "tr[data-namespace='/patient-pharmacy'] td.connections";
    private static final String CHAT_MESSAGE = """
            {"event":"chat:message","data":{"id":"msg_%d","roomId":"room_456","senderId":"user_789",
             "senderType":"patient","content":"Hello","messageType":"TEXT","createdAt":"2024-12-20T10:30:00Z"}}""";

    private static EmbeddedMedsync medsync;
    private static JsClients js;
    private static Browser browser;
    private static AuditTrail audit;
    private static String consoleUrl;
    private static Path screenshots;
    private static String sessionCookie;

    @BeforeAll
    static void startNodeClientsAndBrowser() throws Exception {
        Map<String, Object> settings = FeaturePlugins.allInPhase("week1");
        audit = new AuditTrail();
        medsync = EmbeddedMedsync.start(settings);
        js = new JsClients();
        browser = new Browser();
        consoleUrl = "http://127.0.0.1:" + medsync.server().httpPort() + "/console/";
        screenshots = Path.of(System.getProperty("medsync.it.screenshots", "target/console-screenshots"));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (js != null) {
            js.close();
        }
        if (medsync != null) {
            medsync.close();
        }
        if (audit != null) {
            audit.close();
        }
    }

    private static void screenshot(String name) {
        browser.screenshot(screenshots.resolve(name + ".png"));
    }

    private static void goTo(String page) {
        browser.click("a[data-page='" + page + "']");
    }


    @Test
    @Order(1)
    void theConsoleIsServedWithAStrictContentSecurityPolicy() {
        Browser.Document page = browser.open(consoleUrl);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("content-type")).isEqualTo("text/html; charset=utf-8");
        String policy = page.header("content-security-policy");
        assertThat(policy).contains("default-src 'self'", "frame-ancestors 'none'", "object-src 'none'")
                .doesNotContain("unsafe-inline", "unsafe-eval", "*");
        assertThat(page.header("x-content-type-options")).isEqualTo("nosniff");
        assertThat(page.header("referrer-policy")).isEqualTo("no-referrer");
        browser.waitForText("#login-submit", "Log in", UI_TIMEOUT);
        screenshot("login");
    }

    @Test
    @Order(2)
    void aWrongTokenIsRefusedWithTheServersMessageAndNoCookie() {
        browser.fill("#login-operator", OPERATOR);
        browser.fill("#login-token", "not-the-admin-token");
        browser.click("#login-submit");

        browser.waitForText("#login-error", "wrong admin token", UI_TIMEOUT);
        assertThat(browser.cookies().findValues("name")).isEmpty();
        screenshot("login-refused");
        audit.await("who=console:" + OPERATOR + "@127.0.0.1 action=console-login target=console "
                + "result=refused: wrong admin token");
    }

    @Test
    @Order(3)
    void loggedInTheOverviewCountsAClientThatConnects() {
        browser.fill("#login-token", EmbeddedMedsync.ADMIN_TOKEN);
        browser.click("#login-submit");
        browser.waitForText("#operator", OPERATOR, UI_TIMEOUT);

        JsonNode cookie = browser.cookies().get(0);
        assertThat(cookie.path("name").asText()).isEqualTo("medsync_console");
        assertThat(cookie.path("httpOnly").asBoolean()).isTrue();
        assertThat(cookie.path("sameSite").asText()).isEqualTo("Strict");
        assertThat(cookie.path("path").asText()).isEqualTo("/");
        sessionCookie = "medsync_console=" + cookie.path("value").asText();
        JsonNode storage = browser.storage();
        assertThat(storage.path("local").size()).as("localStorage").isZero();
        assertThat(storage.path("session").size()).as("sessionStorage").isZero();
        assertThat(storage.path("href").asText()).doesNotContain(EmbeddedMedsync.ADMIN_TOKEN);

        browser.waitForText(CANONICAL_CONNECTIONS, "0", UI_TIMEOUT);
        assertThat(browser.texts(CANONICAL_CONNECTIONS)).containsExactly("0");
        JsSocket staff = js.connectOnce(medsync.canonicalUrl(),
                medsync.pharmacyToken("staff_1", "pharmacy_789", "chat:room_456"));

        browser.waitForText(CANONICAL_CONNECTIONS, "1", UI_TIMEOUT);
        assertThat(browser.texts(CANONICAL_CONNECTIONS)).containsExactly("1");
        // Events in and out for a while, so the chart of events per second has something to draw.
        assertThat(staff.emitWithAck("join", Map.of("room", "chat:room_456")).path(0).path("ok").asBoolean()).isTrue();
        for (int i = 0; i < 16; i++) {
            assertThat(medsync.publish(CHAT_MESSAGE.formatted(i)).status()).isEqualTo(202);
            sleep(Duration.ofMillis(500));
        }
        browser.waitForText("#nodes .totals", "out 16 in total", UI_TIMEOUT);
        screenshot("overview");
    }

    @Test
    @Order(4)
    void week3AppliedFromPhasesAfterAConfirmationTakesTheLegacyNamespaceAway() {
        browser.waitForText("tr[data-namespace='/'] td.namespace", "/", UI_TIMEOUT);
        goTo("phases");
        browser.waitForText("#current-phase", "week1", UI_TIMEOUT);

        browser.click("button[data-apply='week3']");
        browser.waitForText("#confirm-dialog .dialog-title", "Apply week3?", UI_TIMEOUT);
        browser.click("#confirm-cancel");
        browser.waitUntilGone("#confirm-dialog[open]", UI_TIMEOUT);
        assertThat(medsync.admin("GET", "/admin/phases", null).json().path("current").asText())
                .as("cancelled: nothing applied").isEqualTo("week1");

        browser.click("button[data-apply='week3']");
        browser.waitForText("#confirm-dialog .dialog-title", "Apply week3?", UI_TIMEOUT);
        screenshot("phase-confirm");
        browser.click("#confirm-ok");

        browser.waitForText("#phase-outcome", "week3 applied", UI_TIMEOUT);
        browser.waitForText("#current-phase", "week3", UI_TIMEOUT);
        screenshot("phase-applied");
        assertThat(medsync.admin("GET", "/admin/phases", null).json().path("current").asText()).isEqualTo("week3");
        audit.await("who=console:" + OPERATOR + "@127.0.0.1 action=apply-phase target=week3 result=ok");

        goTo("overview");
        browser.waitForText(CANONICAL_CONNECTIONS, "1", UI_TIMEOUT);
        browser.waitUntilGone("tr[data-namespace='/']", UI_TIMEOUT);
        assertThat(browser.texts("table.namespaces td.namespace")).containsExactly("/patient-pharmacy");
        screenshot("overview-week3");
    }

    @Test
    @Order(5)
    void pluginsAreListedWithTheirStateAndAStopGoesThroughTheAdminApi() {
        goTo("plugins");
        browser.waitForText("tr[data-plugin='legacy-aliases'] .plugin-state", "STOPPED", UI_TIMEOUT);
        browser.waitForText("tr[data-plugin='chat'] .plugin-state", "STARTED", UI_TIMEOUT);
        // The namespaces each jar declares (Plugin-Namespaces): legacy-aliases alone serves one.
        assertThat(browser.texts("tr[data-plugin='legacy-aliases'] td.namespaces .chip")).containsExactly("/");
        assertThat(browser.texts("tr[data-plugin='chat'] td.namespaces")).containsExactly("—");

        browser.click("button[data-operation='stop'][data-plugin='chat']");
        browser.waitForText("tr[data-plugin='chat'] .plugin-state", "STOPPED", UI_TIMEOUT);
        browser.waitForText("#notice", "stop chat: chat is STOPPED", UI_TIMEOUT);
        browser.click("button[data-operation='start'][data-plugin='chat']");
        browser.waitForText("tr[data-plugin='chat'] .plugin-state", "STARTED", UI_TIMEOUT);
        screenshot("plugins");

        browser.fill("#load-path", "no-such-plugin.jar");
        browser.click("form.inline-form button[type='submit']");
        String shown = browser.waitForText("#notice", "load no-such-plugin.jar", UI_TIMEOUT);
        assertThat(shown).as("the API's own message").hasSizeGreaterThan("load no-such-plugin.jar: ".length());
        audit.await("who=console:" + OPERATOR + "@127.0.0.1 action=stop target=chat result=ok");
    }

    @Test
    @Order(6)
    void thePlanOfAPhaseIsShownBeforeApplying() {
        goTo("phases");
        browser.click("button[data-plan='week1']");

        browser.waitForText("#phase-plan", "legacy-aliases", UI_TIMEOUT);
        browser.waitForText("#phase-plan", "/", UI_TIMEOUT);
        assertThat(medsync.admin("GET", "/admin/phases", null).json().path("current").asText())
                .as("a plan changes nothing").isEqualTo("week3");
    }

    @Test
    @Order(7)
    void aConnectionIsListedAndDisconnectedFromItsPage() {
        JsSocket client = js.connectOnce(medsync.canonicalUrl(), medsync.patientToken("patient_conn"));
        goTo("connections");
        browser.fill("#filter-user", "patient_conn");
        browser.click("form.filters button[type='submit']");
        browser.waitForText("table.connections", "patient_conn", UI_TIMEOUT);
        screenshot("connections");

        browser.click("tr[data-user='patient_conn'] button.danger");
        browser.waitForText("#confirm-dialog .dialog-title", "Disconnect", UI_TIMEOUT);
        browser.click("#confirm-ok");

        assertThat(client.awaitDisconnect(Duration.ofSeconds(10))).isEqualTo("io server disconnect");
        browser.waitForText("#notice", "Disconnected", UI_TIMEOUT);
    }

    @Test
    @Order(8)
    void aRoomIsFoundWithItsMembers() {
        goTo("rooms");
        browser.fill("#rooms-q", "pharmacy_789");
        browser.click("form.filters button[type='submit']");

        // staff_1 of the Overview test is in its pharmacy's room by its token.
        browser.waitForText("table.rooms", "pharmacy:pharmacy_789", UI_TIMEOUT);
    }

    @Test
    @Order(9)
    void theLiveTailShowsAPublishedEventAndFiltersByName() {
        goTo("events");
        browser.waitForText("#events-status", "last seq", UI_TIMEOUT);

        assertThat(medsync.publish(CHAT_MESSAGE.formatted(1000)).status()).isEqualTo(202);
        browser.waitForText("table.events td.event-name", "chat:message", UI_TIMEOUT);
        browser.fill("#events-filter", "order:");
        browser.waitUntilGone("table.events tr:not([hidden]) td.event-name", UI_TIMEOUT);
        screenshot("events");
        browser.click("#events-pause");
        browser.waitForText("#events-status", "paused", UI_TIMEOUT);
    }

    @Test
    @Order(10)
    void theAuditLogNamesTheConsoleOperator() {
        goTo("audit");

        browser.waitForText("table.audit td.who", "console:" + OPERATOR, UI_TIMEOUT);
        screenshot("audit");
    }

    @Test
    @Order(11)
    void noPageBrokeTheContentSecurityPolicyOrThrew() {
        List<JsonNode> problems = browser.pageMessages().stream()
                .filter(message -> message.path("type").asText().equals("pageerror")
                        || message.path("text").asText().contains("Content Security Policy")
                        || message.path("text").asText().contains("Refused to"))
                .toList();

        assertThat(problems).isEmpty();
    }

    @Test
    @Order(12)
    void loggingOutEndsTheSessionEvenForACopiedCookie() {
        browser.click("#logout");

        browser.waitForText("#login-submit", "Log in", UI_TIMEOUT);
        assertThat(browser.cookies().findValues("name")).isEmpty();
        EmbeddedMedsync.Response withOldCookie = medsync.http("GET", "/admin/stats", null,
                Map.of("Cookie", sessionCookie));
        assertThat(withOldCookie.status()).isEqualTo(401);
        audit.await("who=console:" + OPERATOR + "@127.0.0.1 action=console-logout target=console result=ok");
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
