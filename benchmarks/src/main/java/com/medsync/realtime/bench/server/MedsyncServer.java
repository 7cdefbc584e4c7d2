package com.medsync.realtime.bench.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The built distribution ({@code bin/medsync-realtime}, module path, every plugin, phase week1 unless told), configured
 * through its documented environment variables. One documented setting is raised through {@code JAVA_OPTS}:
 * {@code medsync.limits.outbound-queue}, so that a load generator that falls behind at saturation measures
 * throughput instead of being disconnected as a slow client (node socket.io and bare netty-socketio have no
 * such limit). Each benchmark socket has its own {@code sub}, so {@code connections-per-user} never applies.
 */
public final class MedsyncServer extends RunningServer {

    public static final String OUTBOUND_QUEUE = "1000000";
    private static final HttpClient HTTP = HttpClient.newHttpClient();


    private final String phase;

    private MedsyncServer(ServerProcess process, int socketPort, int httpPort, Secrets secrets, String phase) {
        super(process, socketPort, httpPort, secrets);
        this.phase = phase;
    }

    public static MedsyncServer start(Path distribution, Path workDir, Path log, Secrets secrets, String jvmOptions) {
        return start(distribution, workDir, log, secrets, jvmOptions, "week1");
    }

    /** @param phase the migration phase it starts in ({@code MEDSYNC_PHASE}): week1 has every plugin, week3 no aliases */
    public static MedsyncServer start(Path distribution, Path workDir, Path log, Secrets secrets, String jvmOptions,
            String phase) {
        int socketPort = FreePorts.find();
        int httpPort = FreePorts.find();
        Map<String, String> environment = Map.of(
                "MEDSYNC_SOCKET_PORT", String.valueOf(socketPort),
                "MEDSYNC_HTTP_PORT", String.valueOf(httpPort),
                "MEDSYNC_BIND", "127.0.0.1",
                "MEDSYNC_JWT_SECRET", secrets.jwtSecret(),
                "MEDSYNC_API_KEY", secrets.apiKey(),
                "MEDSYNC_ADMIN_TOKEN", secrets.adminToken(),
                "MEDSYNC_PHASE", phase,
                "MEDSYNC_STATE_DIR", workDir.resolve("state").toString(),
                "KWIK_WEBHOOK_SECRET", secrets.apiKey(),
                "JAVA_OPTS", jvmOptions + " -Dmedsync.limits.outbound-queue=" + OUTBOUND_QUEUE);
        ServerProcess process = ServerProcess.start(
                List.of(distribution.resolve("bin/medsync-realtime").toAbsolutePath().toString()),
                environment, workDir, log);
        return new MedsyncServer(awaitReady(process, httpPort, Duration.ofSeconds(60)), socketPort, httpPort, secrets, phase);
    }

    /** Applies a migration phase through the admin API. @return the API's answer */
    public String applyPhase(String phase) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort() + "/admin/phases/" + phase + "/apply"))
                .header("Authorization", "Bearer " + secrets.adminToken())
                .header("X-Medsync-Operator", "benchmark")
                .POST(HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(30))
                .build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("apply " + phase + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String key() {
        return "medsync";
    }

    @Override
    public String label() {
        return "MedSync (distribution, " + phase + (phase.equals("week1") ? ", all plugins)" : ")");
    }





    @Override
    public MemorySample memory() {
        return jvmMemory();
    }

}
