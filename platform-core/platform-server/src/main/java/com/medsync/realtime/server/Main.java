package com.medsync.realtime.server;

import com.medsync.realtime.server.config.ConfigLoader;
import com.medsync.realtime.server.config.InvalidSettingException;
import com.typesafe.config.Config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

/**
 * Command-line entry point. The deployment file is {@code $MEDSYNC_CONFIG} when set, else
 * {@code config/application.conf} under {@code $MEDSYNC_HOME} (set by {@code bin/medsync-realtime}) or the
 * working directory, when it exists.
 */
public final class Main {

    private static final Logger log = LoggerFactory.getLogger(Main.class);

    /** Exit status for a configuration that cannot run; distinct from a crash. */
    static final int EXIT_BAD_CONFIGURATION = 2;

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        Map<String, String> environment = System.getenv();
        log.info(runtimeDescription());
        MedsyncServer server;
        try {
            Config config = new ConfigLoader().load(deploymentFile(environment), environment, System.getProperties());
            server = MedsyncServer.start(config);
        } catch (InvalidSettingException | IllegalStateException e) {
            log.error("MedSync Realtime cannot start: {}", e.getMessage());
            System.exit(EXIT_BAD_CONFIGURATION);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            Thread shutdown = new Thread(server::shutdown, "medsync-graceful-shutdown");
            shutdown.start();
            try {
                shutdown.join(server.shutdownGracePeriod().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (shutdown.isAlive()) {
                log.error("Shutdown did not finish within {}; exiting anyway", server.shutdownGracePeriod());
                Runtime.getRuntime().halt(1);
            }
            stopped.countDown();
        }, "medsync-shutdown"));
        stopped.await();
    }

    /**
     * The JVM a node runs on, as operators comparing nodes or figures need it: the launcher picks the collector
     * (unless JAVA_OPTS names one), and heap and processors come from the machine unless set.
     */
    static String runtimeDescription() {
        Runtime runtime = Runtime.getRuntime();
        String collectors = ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(GarbageCollectorMXBean::getName).collect(Collectors.joining(", "));
        return "Java " + Runtime.version() + " (" + System.getProperty("java.vm.name") + "), garbage collector: "
                + collectors + ", max heap " + runtime.maxMemory() / (1024 * 1024) + " MB, "
                + runtime.availableProcessors() + " processors";
    }

    static Optional<Path> deploymentFile(Map<String, String> environment) {
        String explicit = environment.get("MEDSYNC_CONFIG");
        if (explicit != null && !explicit.isBlank()) {
            return Optional.of(Path.of(explicit));
        }
        String home = environment.getOrDefault("MEDSYNC_HOME", ".");
        Path conventional = Path.of(home, "config", "application.conf");
        return Files.isRegularFile(conventional) ? Optional.of(conventional) : Optional.empty();
    }
}
