package com.medsync.realtime.server.plugin.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.pf4j.PluginDependency;

class DependencyOrderTest {

    private final Map<String, List<PluginDependency>> loaded = new HashMap<>();
    private final DependencyOrder order = new DependencyOrder(loaded::get);

    @Test
    void dependentsComeBeforeWhatTheyDependOn() {
        plugin("dispatch");
        plugin("dispatch-kwik", "dispatch");
        plugin("orders");
        plugin("chat", "orders");

        List<String> stopOrder = order.deepestFirst(List.of("dispatch", "orders", "dispatch-kwik", "chat"));

        assertThat(stopOrder.indexOf("dispatch-kwik")).isLessThan(stopOrder.indexOf("dispatch"));
        assertThat(stopOrder.indexOf("chat")).isLessThan(stopOrder.indexOf("orders"));
    }

    @Test
    void aDependencyThroughAnotherPluginCounts() {
        plugin("a");
        plugin("b", "a");
        plugin("c", "b");

        assertThat(order.dependsOn("c", "a")).isTrue();
        assertThat(order.dependsOn("a", "c")).isFalse();
        assertThat(order.dependentsOf("a", List.of("a", "b", "c"))).containsExactly("c", "b");
    }

    @Test
    void aCycleNeitherLoopsNorLosesAPlugin() {
        plugin("x", "y");
        plugin("y", "x");

        assertThat(order.dependsOn("x", "x")).isTrue();
        assertThat(order.deepestFirst(List.of("x", "y"))).containsExactlyInAnyOrder("x", "y");
    }

    @Test
    void aSetNamesWhatIsNotLoadedAndRequiredDependenciesLeftOut() {
        plugin("dispatch");
        plugin("dispatch-kwik", "dispatch");
        plugin("chat", "presence?");

        assertThat(order.problemsOfSet(List.of("dispatch-kwik", "chat", "ghost"), id -> "'" + id + "' is not loaded"))
                .containsExactly("'dispatch-kwik' needs 'dispatch', which is not in the set",
                        "'ghost' is not loaded");
    }

    private void plugin(String id, String... dependencies) {
        loaded.put(id, Arrays.stream(dependencies).map(PluginDependency::new).toList());
    }
}
