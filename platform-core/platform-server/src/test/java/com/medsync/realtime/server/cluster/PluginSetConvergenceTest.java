package com.medsync.realtime.server.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.medsync.realtime.server.plugin.admin.Convergence;
import com.medsync.realtime.server.plugin.admin.Convergence.NodeOutcome;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class PluginSetConvergenceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode report(String node, String pluginSet) {
        try {
            return JSON.readTree("{\"node\":\"" + node + "\"" + (pluginSet == null ? "" : ",\"pluginSet\":" + pluginSet)
                    + "}");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void completeWhenEveryOtherNodeReachedTheRevision() {
        Convergence convergence = PluginSetConvergence.of("r2", "a", Optional.empty(), List.of(
                report("a", "{\"revision\":\"r1\",\"reached\":true}"),
                report("b", "{\"revision\":\"r2\",\"reached\":true}"),
                report("c", "{\"revision\":\"r2\",\"reached\":true,\"problem\":null}")));

        assertThat(convergence.complete()).isTrue();
        assertThat(convergence.nodes()).containsExactly(new NodeOutcome("a", NodeOutcome.REACHED, null),
                new NodeOutcome("b", NodeOutcome.REACHED, null), new NodeOutcome("c", NodeOutcome.REACHED, null));
    }

    @Test
    void aNodeStillOnAnotherRevisionOrWithoutAReportIsPending() {
        Convergence convergence = PluginSetConvergence.of("r2", "a", Optional.empty(), List.of(
                report("b", "{\"revision\":\"r1\",\"reached\":true}"), report("c", null)));

        assertThat(convergence.complete()).isFalse();
        assertThat(convergence.nodes()).extracting(NodeOutcome::node, NodeOutcome::state).containsExactly(
                org.assertj.core.groups.Tuple.tuple("a", NodeOutcome.REACHED),
                org.assertj.core.groups.Tuple.tuple("b", NodeOutcome.PENDING),
                org.assertj.core.groups.Tuple.tuple("c", NodeOutcome.PENDING));
    }

    @Test
    void aNodeThatAdoptedTheRevisionButCannotRunItFailedWithItsReason() {
        Convergence convergence = PluginSetConvergence.of("r2", "a", Optional.empty(), List.of(
                report("b", "{\"revision\":\"r2\",\"reached\":false,\"problem\":\"not started: 'x' is not loaded\"}")));

        assertThat(convergence.complete()).isFalse();
        assertThat(convergence.nodes()).contains(
                new NodeOutcome("b", NodeOutcome.FAILED, "not started: 'x' is not loaded"));
    }

    @Test
    void theWritingNodeAnswersForItself() {
        Convergence convergence = PluginSetConvergence.of("r2", "a", Optional.of("not started: 'x' is FAILED"),
                List.of());

        assertThat(convergence.complete()).isFalse();
        assertThat(convergence.nodes()).containsExactly(
                new NodeOutcome("a", NodeOutcome.FAILED, "not started: 'x' is FAILED"));
    }

    @Test
    void unreadableReportsLeaveTheOtherNodesPending() {
        Convergence convergence = PluginSetConvergence.unreadable("a", Optional.empty(), "Redis is unavailable");

        assertThat(convergence.complete()).isFalse();
        assertThat(convergence.nodes()).extracting(NodeOutcome::state)
                .containsExactly(NodeOutcome.REACHED, NodeOutcome.PENDING);
    }
}
