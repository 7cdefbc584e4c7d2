package com.medsync.realtime.bench.server;

import com.medsync.realtime.bench.bare.BareNettySocketIoMain;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** {@link BareNettySocketIoMain} in its own JVM, with the same JVM options as MedSync. */
public final class BareNettySocketIoServer extends RunningServer {


    private BareNettySocketIoServer(ServerProcess process, int socketPort, int httpPort, Secrets secrets) {
        super(process, socketPort, httpPort, secrets);
    }

    public static BareNettySocketIoServer start(Path workDir, Path log, Secrets secrets, String jvmOptions) {
        int socketPort = FreePorts.find();
        int httpPort = FreePorts.find();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(jvmOptions.trim().split("\\s+")));
        command.addAll(List.of("-cp", absoluteClassPath(), BareNettySocketIoMain.class.getName()));
        ServerProcess process = ServerProcess.start(command, Map.of(
                "BENCH_SOCKET_PORT", String.valueOf(socketPort),
                "BENCH_HTTP_PORT", String.valueOf(httpPort),
                "BENCH_JWT_SECRET", secrets.jwtSecret(),
                "BENCH_API_KEY", secrets.apiKey()), workDir, log);
        return new BareNettySocketIoServer(awaitReady(process, httpPort, Duration.ofSeconds(60)), socketPort, httpPort, secrets);
    }

    /** The harness's own class path, made absolute: the server runs in its own working directory. */
    private static String absoluteClassPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(Collectors.joining(File.pathSeparator));
    }

    @Override
    public String key() {
        return "bare_nettysocketio";
    }

    @Override
    public String label() {
        return "bare netty-socketio 2.0.14";
    }





    @Override
    public MemorySample memory() {
        return jvmMemory();
    }

}
