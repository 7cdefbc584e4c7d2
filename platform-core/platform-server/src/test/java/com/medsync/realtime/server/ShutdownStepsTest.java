package com.medsync.realtime.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class ShutdownStepsTest {

    @Test
    void everyStepRunsInOrderEvenAfterOneFailed() {
        List<String> ran = new ArrayList<>();

        new ShutdownSteps()
                .then("sockets", () -> ran.add("sockets"))
                .then("redis", () -> {
                    throw new IllegalStateException("Redis gone");
                })
                .then("threads", () -> ran.add("threads"))
                .run();

        assertThat(ran).containsExactly("sockets", "threads");
    }

    @Test
    void runningTwiceReleasesOnce() {
        List<String> ran = new ArrayList<>();
        ShutdownSteps steps = new ShutdownSteps().then("port", () -> ran.add("port"));

        steps.run();
        steps.run();

        assertThat(ran).containsExactly("port");
    }
}
