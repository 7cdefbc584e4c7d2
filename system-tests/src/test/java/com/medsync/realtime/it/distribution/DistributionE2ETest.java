package com.medsync.realtime.it.distribution;

import com.medsync.realtime.it.fixture.DistributionProcess;
import com.medsync.realtime.it.support.FreePorts;
import com.medsync.realtime.it.support.JsClients;
import com.medsync.realtime.it.support.JsSocket;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The distribution as an operator and a developer meet it: {@code bin/medsync-realtime} on the module
 * path, dev mode with printed tokens, prod refusing to start without secrets, {@code bin/medsync-admin} finding
 * and disconnecting a user the official client connected as.
 */
class DistributionE2ETest {

    private static final Duration START = Duration.ofSeconds(30);

    @TempDir
    Path workDir;

    @Test
    void devModePrintsTokensThatTheOfficialClientConnectsWith() throws Exception {
        int socketPort = FreePorts.find();
        int httpPort = FreePorts.find();
        try (DistributionProcess server = devMode(socketPort, httpPort);
                JsClients js = new JsClients()) {
            String pharmacyToken = printedToken(server, "Pharmacy token");
            String patientToken = printedToken(server, "Patient token");
            assertThat(server.output()).contains("DEV MODE").contains("Socket.IO listening on 127.0.0.1:" + socketPort)
                    .contains("HTTP API listening on 127.0.0.1:" + httpPort)
                    // The launcher resolves jdk.unsupported; without it Netty copies every write.
                    .doesNotContain("without sun.misc.Unsafe")
                    // The distribution ships Netty's epoll transport for Linux (medsync.socket.native-transport).
                    .contains("Socket.IO connections on Linux's epoll transport");

            JsSocket pharmacy = js.connect("http://127.0.0.1:" + socketPort + "/patient-pharmacy",
                    JsClients.auth(pharmacyToken));
            JsSocket patient = js.connect("http://127.0.0.1:" + socketPort + "/patient-pharmacy",
                    JsClients.auth(patientToken));
            pharmacy.awaitConnect();
            patient.awaitConnect();
            assertThat(pharmacy.emitWithAck("join", Map.of("room", "chat:room_demo")).path(0).path("ok").asBoolean())
                    .isTrue();

            String adminToken = adminToken(server);
            Admin phases = admin(httpPort, adminToken, "phase", "list");
            assertThat(phases.exitCode()).as(phases.output()).isZero();
            assertThat(phases.output()).contains("week1").contains("week3");
            Admin refused = admin(httpPort, "wrong-token", "plugins", "list");
            assertThat(refused.exitCode()).as(refused.output()).isEqualTo(3);
            assertThat(refused.output()).contains("401").doesNotContain("wrong-token");

            HttpResponse<String> ready = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + httpPort + "/health/ready")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(ready.statusCode()).isEqualTo(200);

            server.terminate();
            assertThat(server.awaitExit(Duration.ofSeconds(20))).isIn(0, 143);
        }
    }

    @Test
    void medsyncAdminListsAUsersSocketAndSendsItAwaySoTheOfficialClientStaysAway() throws Exception {
        int socketPort = FreePorts.find();
        int httpPort = FreePorts.find();
        try (DistributionProcess server = devMode(socketPort, httpPort);
                JsClients js = new JsClients()) {
            String patientToken = printedToken(server, "Patient token");
            String pharmacyToken = printedToken(server, "Pharmacy token");
            String adminToken = adminToken(server);
            String canonical = "http://127.0.0.1:" + socketPort + "/patient-pharmacy";
            // Reconnection stays on, as in the frontend: the client must stay away by itself.
            Map<String, Object> websocketOnly = JsClients.auth(patientToken);
            websocketOnly.put("transports", List.of("websocket"));
            JsSocket patient = js.connect(canonical, websocketOnly);
            String socketId = patient.awaitConnect().id();
            JsSocket pharmacy = js.connect(canonical, JsClients.auth(pharmacyToken));
            pharmacy.awaitConnect();

            Admin listed = admin(httpPort, adminToken, "connections", "--user", "patient_demo");
            assertThat(listed.exitCode()).as(listed.output()).isZero();
            assertThat(listed.output().lines()).hasSize(2);
            assertThat(listed.output().lines().skip(1).findFirst().orElseThrow()).matches(Pattern.quote(socketId)
                    + " +/patient-pharmacy +patient_demo +websocket +\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"
                    + " +user:patient_demo");

            Admin disconnected = admin(httpPort, adminToken, "disconnect", "user", "patient_demo");
            assertThat(disconnected.exitCode()).as(disconnected.output()).isZero();
            assertThat(disconnected.output()).isEqualTo("1 socket of user patient_demo disconnected.\n");
            assertThat(patient.awaitDisconnect()).isEqualTo("io server disconnect");
            patient.assertNoEvent("connect", Duration.ofMillis(800));
            pharmacy.assertNoEvent("disconnect", Duration.ofMillis(200));
            Admin again = admin(httpPort, adminToken, "disconnect", "socket", socketId);
            assertThat(again.exitCode()).isEqualTo(1);
            assertThat(again.output()).contains("404");
        }
    }

    /** The distribution as the quick start runs it: dev mode, printing its tokens, here on free ports. */
    private DistributionProcess devMode(int socketPort, int httpPort) {
        return DistributionProcess.start(workDir, Map.of(
                "MEDSYNC_SOCKET_PORT", String.valueOf(socketPort),
                "MEDSYNC_HTTP_PORT", String.valueOf(httpPort)));
    }

    /** @param header the line the token follows, such as {@code Patient token} */
    private static String printedToken(DistributionProcess server, String header) {
        return server.awaitLineAfter(header, START, line -> line.startsWith(header));
    }

    private static String adminToken(DistributionProcess server) {
        return server.awaitLine("the admin token", START, line -> line.startsWith("MEDSYNC_ADMIN_TOKEN="))
                .substring("MEDSYNC_ADMIN_TOKEN=".length());
    }

    private record Admin(int exitCode, String output) {
    }

    /** Runs {@code bin/medsync-admin} as an operator does, with the token in the environment. */
    private Admin admin(int httpPort, String token, String... args) throws Exception {
        java.util.List<String> command = new java.util.ArrayList<>();
        command.add(DistributionProcess.home().toAbsolutePath().resolve("bin/medsync-admin").toString());
        command.addAll(java.util.List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("MEDSYNC_HTTP_PORT", String.valueOf(httpPort));
        builder.environment().put("MEDSYNC_ADMIN_TOKEN", token);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        return new Admin(process.exitValue(), output);
    }

    @Test
    void sigtermDrainsThenClosesTransportsSoClientsReconnectAndExits() throws Exception {
        int socketPort = FreePorts.find();
        int httpPort = FreePorts.find();
        try (DistributionProcess server = DistributionProcess.start(workDir, Map.of(
                "MEDSYNC_SOCKET_PORT", String.valueOf(socketPort),
                "MEDSYNC_HTTP_PORT", String.valueOf(httpPort),
                "JAVA_OPTS", "-Dmedsync.shutdown.drain=1500ms"));
                JsClients js = new JsClients()) {
            String patientToken = server.awaitLineAfter("the patient token", START,
                    line -> line.startsWith("Patient token"));
            JsSocket patient = js.connect("http://127.0.0.1:" + socketPort + "/patient-pharmacy",
                    JsClients.auth(patientToken));
            patient.awaitConnect();
            HttpClient http = HttpClient.newHttpClient();
            HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/health/ready"))
                    .build();
            assertThat(http.send(ready, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);

            long signalled = System.nanoTime();
            server.terminate();

            // The signal reaches the JVM's shutdown hook within milliseconds; the drain lasts 1.5 s.
            int status = 200;
            for (int i = 0; i < 20 && status == 200; i++) {
                Thread.sleep(50);
                status = http.send(ready, HttpResponse.BodyHandlers.ofString()).statusCode();
            }
            assertThat(status).as("not ready while draining").isEqualTo(503);
            assertThat(patient.events()).as("still connected while draining")
                    .noneMatch(e -> "disconnect".equals(e.path("type").asText()));
            assertThat(patient.awaitDisconnect(Duration.ofSeconds(10)))
                    .as("a transport close, so the client reconnects by itself").isEqualTo("transport close");
            patient.await("a reconnection attempt", Duration.ofSeconds(5),
                    e -> "reconnect_attempt".equals(e.path("type").asText()));
            assertThat(server.awaitExit(Duration.ofSeconds(20))).isIn(0, 143);
            assertThat(Duration.ofNanos(System.nanoTime() - signalled)).isLessThan(Duration.ofSeconds(15));
        }
    }

    @Test
    void prodRefusesToStartWithoutSecretsAndSaysWhich() {
        try (DistributionProcess server = DistributionProcess.start(workDir, Map.of(
                "MEDSYNC_PROFILE", "prod",
                "MEDSYNC_SOCKET_PORT", String.valueOf(FreePorts.find()),
                "MEDSYNC_HTTP_PORT", String.valueOf(FreePorts.find())))) {
            assertThat(server.awaitExit(START)).isEqualTo(2);
            assertThat(server.output()).contains("MEDSYNC_JWT_SECRET").contains("prod");
        }
    }

    @Test
    void anUnknownSettingStopsStartUpAndIsNamed() {
        try (DistributionProcess server = DistributionProcess.start(workDir, Map.of(
                "JAVA_OPTS", "-Dmedsync.socket.prot=1"))) {
            assertThat(server.awaitExit(START)).isEqualTo(2);
            assertThat(server.output()).contains("medsync.socket.prot").contains("unknown setting");
        }
    }

    @Test
    void theLauncherRunsTheThroughputCollectorUnlessJavaOptsNamesAnother() {
        Map<String, String> refusing = Map.of("MEDSYNC_PROFILE", "prod");
        try (DistributionProcess server = DistributionProcess.start(workDir, refusing)) {
            assertThat(server.awaitExit(START)).isEqualTo(2);
            assertThat(server.output()).contains("garbage collector: PS MarkSweep, PS Scavenge");
        }

        Map<String, String> named = new HashMap<>(refusing);
        named.put("JAVA_OPTS", "-XX:+UseShenandoahGC");
        try (DistributionProcess server = DistributionProcess.start(workDir, named)) {
            assertThat(server.awaitExit(START)).isEqualTo(2);
            assertThat(server.output()).as("the JDK running the tests has Shenandoah (Debian's and Temurin's do)")
                    .contains("garbage collector: Shenandoah");
        }
    }
}
