package com.medsync.realtime.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Debian's {@code haproxy} running a configuration file, in the foreground, with the environment the file's
 * {@code ${VARIABLE}}s read ({@code .ci/run} installs the package).
 */
public final class HaproxyProcess implements AutoCloseable {

    private final Process process;
    private final Path log;

    private HaproxyProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    public static HaproxyProcess start(Path config, Map<String, String> environment, int listensOn) {
        try {
            Path log = Files.createTempFile("haproxy-", ".log");
            ProcessBuilder builder = new ProcessBuilder(List.of("haproxy", "-db", "-f", config.toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(environment);
            HaproxyProcess haproxy = new HaproxyProcess(builder.start(), log);
            Await.until(() -> "haproxy to listen on " + listensOn + "; its log: " + haproxy.log(),
                    Duration.ofSeconds(10), () -> !haproxy.process.isAlive() || !FreePorts.isFree(listensOn));
            if (!haproxy.process.isAlive()) {
                throw new IllegalStateException("haproxy exited: " + haproxy.log());
            }
            return haproxy;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run haproxy (install it: apt-get install haproxy): "
                    + e.getMessage(), e);
        }
    }

    /** @return what haproxy printed so far */
    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        Processes.awaitOrKill(process, Duration.ofSeconds(5));
    }
}
