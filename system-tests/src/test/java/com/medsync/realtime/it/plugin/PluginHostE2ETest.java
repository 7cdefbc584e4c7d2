package com.medsync.realtime.it.plugin;

import com.fasterxml.jackson.databind.JsonNode;
import com.medsync.realtime.it.fixture.EmbeddedMedsync;
import com.medsync.realtime.it.fixture.EmbeddedMedsync.Response;
import com.medsync.realtime.it.plugins.EchoFeature;
import com.medsync.realtime.it.plugins.StopOrder;
import com.medsync.realtime.it.support.JsClients;
import com.medsync.realtime.it.support.JsSocket;
import com.medsync.realtime.it.support.LogLines;
import com.medsync.realtime.it.support.RedisServer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The plugin host as operators drive it, through the admin API over HTTP, with official clients connected
 * the whole time.
 */
class PluginHostE2ETest {

    private static final String FEATURE_LIFECYCLE = "com.medsync.realtime.server.plugin.feature.FeatureLifecycle";

    @TempDir
    Path pluginsDir;

    @TempDir
    Path stateDir;

    private EmbeddedMedsync medsync;
    private JsClients js;

    @BeforeEach
    void clients() {
        js = new JsClients();
    }

    @AfterEach
    void stop() {
        js.close();
        if (medsync != null) {
            medsync.close();
        }
    }

    private EmbeddedMedsync start(Map<String, Object> extra) {
        Map<String, Object> settings = new HashMap<>(extra);
        settings.put("medsync.plugins.dir", pluginsDir.toString());
        settings.put("medsync.state.dir", stateDir.toString());
        medsync = EmbeddedMedsync.start(settings);
        return medsync;
    }

    private JsonNode plugin(String id) {
        Response list = medsync.admin("GET", "/admin/plugins", null);
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        for (JsonNode plugin : list.json()) {
            if (plugin.path("id").asText().equals(id)) {
                return plugin;
            }
        }
        throw new AssertionError("no plugin " + id + " in " + list.body());
    }

    private JsSocket connect(String user) {
        JsSocket socket = js.connect(medsync.canonicalUrl(), JsClients.auth(medsync.patientToken(user)));
        socket.awaitConnect();
        return socket;
    }

    private static boolean ok(JsonNode ack) {
        return ack.path(0).path("ok").asBoolean();
    }

    @Test
    void brokenPluginsEndFailedWithTheirReasonWhileTheOthersRun() {
        TestPlugins.echo(pluginsDir);
        TestPlugins.greeter(pluginsDir);
        TestPlugins.brokenStart(pluginsDir);
        TestPlugins.missingDependency(pluginsDir);
        TestPlugins.wrongDependencyVersion(pluginsDir);
        TestPlugins.tooNew(pluginsDir);
        start(Map.of());

        assertThat(plugin("echo").path("state").asText()).isEqualTo("STARTED");
        assertThat(plugin("greeter").path("state").asText()).isEqualTo("STARTED");
        assertThat(plugin("echo").path("provides").toString()).contains("client event echo", "event test:echo");
        assertThat(plugin("broken-start").path("state").asText()).isEqualTo("FAILED");
        assertThat(plugin("broken-start").path("failure").asText()).contains("frobnicator");
        assertThat(plugin("orphan").path("failure").asText()).contains("no-such-plugin");
        assertThat(plugin("picky").path("failure").asText()).contains("echo").contains(">=2.0.0");
        assertThat(plugin("from-the-future").path("failure").asText()).contains("requires platform >=9.0.0");

        JsSocket socket = connect("patient_broken");
        assertThat(ok(socket.emitWithAck("echo", Map.of("n", 1)))).isTrue();
        assertThat(socket.awaitEventPayload("echo").path("n").asInt()).isEqualTo(1);
        assertThat(socket.emitWithAck("half-started", Map.of()).path(0).path("error").path("code").asText())
                .as("what a failed start registered is gone").isEqualTo("BAD_REQUEST");
    }

    @Test
    void stoppingAndStartingAtRuntimeKeepsClientsConnected() {
        TestPlugins.echo(pluginsDir);
        TestPlugins.greeter(pluginsDir);
        start(Map.of());
        JsSocket socket = js.connect(medsync.canonicalUrl(), JsClients.auth(medsync.patientToken("patient_runtime")));
        String socketId = socket.awaitConnect().id();

        Response stopped = medsync.admin("POST", "/admin/plugins/echo/stop", null);

        assertThat(stopped.status()).as(stopped.body()).isEqualTo(200);
        assertThat(stopped.json().path("state").asText()).isEqualTo("STOPPED");
        assertThat(plugin("greeter").path("state").asText()).as("its dependent stops first").isEqualTo("STOPPED");
        assertThat(socket.emitWithAck("echo", Map.of()).path(0).path("error").path("code").asText())
                .isEqualTo("BAD_REQUEST");

        Response greeter = medsync.admin("POST", "/admin/plugins/greeter/start", null);

        assertThat(greeter.json().path("state").asText()).isEqualTo("STARTED");
        assertThat(plugin("echo").path("state").asText()).as("its dependency starts first").isEqualTo("STARTED");
        assertThat(ok(socket.emitWithAck("greet", Map.of()))).isTrue();
        assertThat(ok(socket.emitWithAck("echo", Map.of()))).isTrue();
        assertThat(socket.eventNames()).doesNotContain("disconnect");
        assertThat(socket.events().stream().filter(e -> "connect".equals(e.path("type").asText())).count())
                .as("never reconnected").isEqualTo(1);
        assertThat(socketId).isNotBlank();
    }

    @Test
    void anUnloadedPluginsClassLoaderCanBeCollected() throws Exception {
        TestPlugins.echo(pluginsDir);
        start(Map.of());
        JsSocket socket = connect("patient_unload");
        assertThat(ok(socket.emitWithAck("echo", Map.of("n", 1)))).isTrue();
        assertThat(medsync.publish("{\"event\":\"test:echo\",\"data\":{},\"to\":[\"user:patient_unload\"]}").status())
                .isEqualTo(202);
        @SuppressWarnings("unchecked")
        WeakReference<ClassLoader> loader = (WeakReference<ClassLoader>) System.getProperties()
                .get(EchoFeature.LOADER_PROPERTY);
        System.getProperties().remove(EchoFeature.LOADER_PROPERTY);
        assertThat(loader.get()).isNotNull();

        Response unloaded = medsync.admin("DELETE", "/admin/plugins/echo", null);

        assertThat(unloaded.json().path("state").asText()).isEqualTo("UNLOADED");
        for (int i = 0; i < 50 && loader.get() != null; i++) {
            System.gc();
            Thread.sleep(100);
        }
        assertThat(loader.get()).as("the plugin's class loader is still reachable after unload").isNull();
        assertThat(socket.emitWithAck("echo", Map.of()).path(0).path("error").path("code").asText())
                .isEqualTo("BAD_REQUEST");
    }

    @Test
    void theAdminApiNeedsItsTokenAndSaysWhatIsWrong() {
        TestPlugins.echo(pluginsDir);
        TestPlugins.greeter(pluginsDir);
        start(Map.of());

        assertThat(medsync.http("GET", "/admin/plugins", null, Map.of()).status()).isEqualTo(401);
        assertThat(medsync.http("GET", "/admin/plugins", null, Map.of("Authorization", "Bearer nope")).status())
                .isEqualTo(401);
        assertThat(medsync.admin("POST", "/admin/plugins/nope/start", null).status()).isEqualTo(404);
        Response unload = medsync.admin("DELETE", "/admin/plugins/echo", null);
        assertThat(unload.status()).isEqualTo(409);
        assertThat(unload.json().path("error").path("message").asText()).contains("greeter");
        assertThat(medsync.admin("POST", "/admin/plugins", "{\"path\":\"../../etc/passwd\"}").status()).isEqualTo(404);
    }

    @Test
    void aJarDroppedInLaterIsLoadedAndStartedOnRequest() {
        start(Map.of());
        JsSocket socket = connect("patient_late");
        Path jar = TestPlugins.echo(pluginsDir);

        Response loaded = medsync.admin("POST", "/admin/plugins", "{\"path\":\"" + jar.getFileName() + "\"}");

        assertThat(loaded.status()).as(loaded.body()).isEqualTo(200);
        assertThat(loaded.json().path("state").asText()).isEqualTo("RESOLVED");
        assertThat(medsync.admin("POST", "/admin/plugins/echo/start", null).json().path("state").asText())
                .isEqualTo("STARTED");
        assertThat(ok(socket.emitWithAck("echo", Map.of()))).isTrue();
        assertThat(medsync.admin("POST", "/admin/plugins", "{\"path\":\"" + jar.getFileName() + "\"}").status())
                .isEqualTo(409);
    }

    @Test
    void aStoppedPluginsScheduledWorkStops() throws InterruptedException {
        TestPlugins.ticker(pluginsDir);
        start(Map.of());
        JsSocket watcher = connect("ticker_watch");
        watcher.awaitEventPayload("test:tick");
        assertThat(medsync.get("/metrics").body()).contains("medsync_plugin_ticks{plugin=\"ticker\"}");

        medsync.admin("POST", "/admin/plugins/ticker/stop", null);
        // A tick already on its way when the plugin stopped may still land; after that, nothing more.
        Thread.sleep(300);
        int seen = watcher.eventNames().size();
        Thread.sleep(500);

        assertThat(watcher.eventNames()).as("no tick after the stop").hasSize(seen);
        assertThat(medsync.get("/metrics").body()).as("its gauge went with it")
                .doesNotContain("medsync_plugin_ticks{plugin=\"ticker\"}");
        assertThat(seen).isPositive();
    }

    @Test
    void aPluginNamespaceGoesAwayWithThePluginAndTheCanonicalOneStays() {
        TestPlugins.legacy(pluginsDir);
        TestPlugins.echo(pluginsDir);
        start(Map.of());
        JsSocket legacy = js.connect(medsync.url("/"), Map.of("auth", Map.of("token",
                medsync.patientToken("patient_legacy")), "reconnection", false));
        legacy.awaitConnect();
        JsSocket canonical = connect("patient_legacy");

        medsync.publish("{\"event\":\"test:echo\",\"data\":{\"n\":1},\"to\":[\"user:patient_legacy\"]}");
        assertThat(legacy.awaitEventPayload("test:echo").path("n").asInt()).isEqualTo(1);
        assertThat(legacy.awaitEventPayload("test:echo:alias").path("n").asInt()).isEqualTo(1);
        assertThat(canonical.awaitEventPayload("test:echo").path("n").asInt()).isEqualTo(1);

        medsync.admin("POST", "/admin/plugins/legacy-test/stop", null);

        assertThat(legacy.awaitDisconnect()).isEqualTo("io server disconnect");
        medsync.publish("{\"event\":\"test:echo\",\"data\":{\"n\":2},\"to\":[\"user:patient_legacy\"]}");
        assertThat(canonical.awaitEventPayload("test:echo").path("n").asInt()).isEqualTo(2);
        canonical.assertNoEvent("test:echo:alias", Duration.ofMillis(200));
        JsSocket late = js.connect(medsync.url("/"), Map.of("auth", Map.of("token",
                medsync.patientToken("patient_legacy")), "reconnection", false));
        assertThat(late.awaitConnectError().message()).isEqualTo("Invalid namespace");
    }

    @Test
    void phasesSwitchThePluginSetAndSurviveARestart() {
        TestPlugins.echo(pluginsDir);
        TestPlugins.greeter(pluginsDir);
        Map<String, Object> phases = Map.of(
                "medsync.phases.solo.plugins", List.of("echo"),
                "medsync.phases.duo.plugins", List.of("echo", "greeter"),
                "medsync.phases.duo.description", "both");
        start(phases);

        Response solo = medsync.admin("POST", "/admin/phases/solo/apply", null);
        assertThat(solo.status()).as(solo.body()).isEqualTo(200);
        assertThat(solo.json().path("current").asText()).isEqualTo("solo");
        assertThat(plugin("greeter").path("state").asText()).isEqualTo("STOPPED");
        assertThat(medsync.admin("POST", "/admin/phases/solo/apply", null).status()).as("idempotent").isEqualTo(200);
        assertThat(medsync.admin("POST", "/admin/phases/nope/apply", null).status()).isEqualTo(404);
        JsonNode listed = medsync.admin("GET", "/admin/phases", null).json();
        assertThat(listed.path("current").asText()).isEqualTo("solo");
        assertThat(listed.path("phases").toString()).contains("duo").contains("both");

        medsync.close();
        start(phases);
        assertThat(plugin("greeter").path("state").asText()).as("the saved set comes back").isNotEqualTo("STARTED");
        assertThat(plugin("echo").path("state").asText()).isEqualTo("STARTED");
        assertThat(medsync.admin("GET", "/admin/phases", null).json().path("current").asText()).isEqualTo("solo");

        medsync.close();
        Map<String, Object> override = new HashMap<>(phases);
        override.put("medsync.phase", "duo");
        start(override);
        assertThat(plugin("greeter").path("state").asText()).as("MEDSYNC_PHASE wins").isEqualTo("STARTED");
    }

    @Test
    void pluginCodeRunsInItsClassLoaderAndItsFailuresStayItsOwn() {
        TestPlugins.echo(pluginsDir);
        TestPlugins.greeter(pluginsDir);
        start(Map.of());
        JsSocket socket = connect("patient_isolation");

        assertThat(ok(socket.emitWithAck("whoami", Map.of()))).isTrue();
        assertThat(socket.awaitEventPayload("whoami").path("contextClassLoaderIsPlugins").asBoolean()).isTrue();
        assertThat(socket.emitWithAck("explode", Map.of()).path(0).path("error").path("code").asText())
                .isEqualTo("INTERNAL");
        assertThat(socket.emitWithAck("unlinked", Map.of()).path(0).path("error").path("code").asText())
                .isEqualTo("INTERNAL");
        assertThat(ok(socket.emitWithAck("greet", Map.of()))).as("the other plugin is untouched").isTrue();
        assertThat(ok(socket.emitWithAck("echo", Map.of()))).as("and so is the connection").isTrue();
        assertThat(plugin("echo").path("state").asText()).isEqualTo("STARTED");
    }

    @Test
    void shutdownStopsDependentsBeforeTheirDependencies() {
        TestPlugins.echo(pluginsDir);
        TestPlugins.greeter(pluginsDir);
        start(Map.of());
        System.clearProperty(StopOrder.PROPERTY);

        medsync.close();
        medsync = null;

        assertThat(System.getProperty(StopOrder.PROPERTY)).isEqualTo("greeter,echo");
    }

    @Test
    void aPublishedEventHandlerThatBlocksIsNamedInAWarningAndTheApiKeepsAnswering() {
        TestPlugins.echo(pluginsDir);
        try (LogLines warnings = new LogLines("com.medsync.realtime.http.Dispatcher")) {
            start(Map.of());
            JsSocket socket = connect("patient_patient");

            assertThat(medsync.publish("{\"event\":\"test:echo\",\"data\":{\"sleepMs\":80},"
                    + "\"to\":[\"user:patient_patient\"]}").status()).isEqualTo(202);
            assertThat(medsync.publish("{\"event\":\"test:echo\",\"data\":{\"n\":2},"
                    + "\"to\":[\"user:patient_patient\"]}").status()).isEqualTo(202);

            assertThat(socket.awaitEventPayload("test:echo").path("sleepMs").asInt()).isEqualTo(80);
            assertThat(socket.awaitEventPayload("test:echo").path("n").asInt()).isEqualTo(2);
            // On a single node publishing runs on the HTTP network thread: the blocking handler held it up.
            assertThat(warnings.lines()).singleElement().satisfies(line -> assertThat(line)
                    .startsWith("WARN POST /api/v1/events took ").contains("network thread")
                    .contains("must not block"));
        }
    }

    @Test
    void withRedisPublishingStaysOnTheHandlerPoolWhereABlockingHandlerHoldsUpNoNetworkThread() {
        TestPlugins.echo(pluginsDir);
        try (RedisServer redis = RedisServer.start();
             LogLines warnings = new LogLines("com.medsync.realtime.http.Dispatcher")) {
            start(Map.of("medsync.store.type", "redis", "medsync.store.redis-url", redis.url(),
                    "medsync.store.redis-prefix", "plugin-host-test:"));
            JsSocket socket = connect("patient_pooled");

            assertThat(medsync.publish("{\"event\":\"test:echo\",\"data\":{\"sleepMs\":80},"
                    + "\"to\":[\"user:patient_pooled\"]}").status()).isEqualTo(202);

            assertThat(socket.awaitEventPayload("test:echo").path("sleepMs").asInt()).isEqualTo(80);
            assertThat(warnings.lines()).isEmpty();
            medsync.close();
            medsync = null;
        }
    }

    @Test
    void aPluginWithoutAnExtensionIndexStartsWithNothingAndIsReported() {
        TestPlugins.withoutIndex(pluginsDir);
        try (LogLines warnings = new LogLines(FEATURE_LIFECYCLE)) {
            start(Map.of());

            assertThat(plugin("no-index").path("state").asText()).isEqualTo("STARTED");
            assertThat(plugin("no-index").path("provides")).isEmpty();
            assertThat(warnings.lines()).anySatisfy(line -> assertThat(line)
                    .contains("no-index").contains("annotation processor"));
        }
    }

    @Test
    void aNamespaceItsManifestDoesNotDeclareIsServedAndWarnedAboutOnce() {
        TestPlugins.legacy(pluginsDir);
        try (LogLines warnings = new LogLines(FEATURE_LIFECYCLE)) {
            start(Map.of());
            for (String operation : List.of("stop", "start", "reload")) {
                Response changed = medsync.admin("POST", "/admin/plugins/legacy-test/" + operation, null);
                assertThat(changed.status()).as(operation + ": " + changed.body()).isEqualTo(200);
            }

            JsSocket legacy = js.connect(medsync.url("/"), Map.of("auth", Map.of("token",
                    medsync.patientToken("patient_undeclared")), "reconnection", false));
            legacy.awaitConnect();
            assertThat(plugin("legacy-test").path("namespaces").toString()).isEqualTo("[]");
            assertThat(plugin("legacy-test").path("provides").toString()).contains("namespace /");
            assertThat(warnings.lines().stream().filter(line -> line.contains("Plugin-Namespaces")))
                    .as("once for the node's life, however often the plugin starts")
                    .singleElement().asString()
                    .startsWith("WARN Plugin legacy-test serves namespace /, which its manifest does not declare");
        }
    }

    @Test
    void statsShowConnectionsPerNamespace() {
        start(Map.of());
        connect("patient_stats");

        JsonNode stats = medsync.admin("GET", "/admin/stats", null).json();

        assertThat(stats.path("namespaces").path("/patient-pharmacy").path("connections").asInt()).isEqualTo(1);
        assertThat(stats.path("uptimeSeconds").isNumber()).isTrue();
        assertThat(Files.exists(stateDir.resolve("plugins.json"))).isTrue();
    }
}
