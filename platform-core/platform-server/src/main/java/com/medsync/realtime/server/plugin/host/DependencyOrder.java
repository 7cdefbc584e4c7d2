package com.medsync.realtime.server.plugin.host;

import org.pf4j.PluginDependency;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The order plugins start and stop in, from their declared dependencies: dependencies start first, dependents
 * stop first. pf4j's own ordering applies to all plugins at once; the host needs it per operation and for any
 * subset (a phase's set, one plugin's dependents), with a cycle or a missing plugin never looping.
 */
final class DependencyOrder {

    /** A plugin's declared dependencies; null for a plugin that is not loaded. */
    private final Function<String, List<PluginDependency>> dependencies;

    DependencyOrder(Function<String, List<PluginDependency>> dependencies) {
        this.dependencies = dependencies;
    }

    /** @return whether {@code id} depends on {@code dependency}, directly or through others */
    boolean dependsOn(String id, String dependency) {
        return dependsOn(id, dependency, new LinkedHashSet<>());
    }

    private boolean dependsOn(String id, String dependency, Set<String> seen) {
        List<PluginDependency> direct = dependencies.apply(id);
        if (direct == null || !seen.add(id)) {
            return false;
        }
        for (PluginDependency each : direct) {
            if (each.getPluginId().equals(dependency) || dependsOn(each.getPluginId(), dependency, seen)) {
                return true;
            }
        }
        return false;
    }

    /** {@code ids} ordered so that every plugin comes before the ones it depends on (a cycle: in given order). */
    List<String> deepestFirst(Collection<String> ids) {
        List<String> ordered = new ArrayList<>();
        List<String> left = new ArrayList<>(ids);
        while (!left.isEmpty()) {
            boolean progressed = false;
            for (String id : List.copyOf(left)) {
                boolean nobodyLeftDependsOnIt = left.stream().noneMatch(other -> !other.equals(id)
                        && dependsOn(other, id));
                if (nobodyLeftDependsOnIt) {
                    ordered.add(id);
                    left.remove(id);
                    progressed = true;
                }
            }
            if (!progressed) {
                ordered.addAll(left);
                break;
            }
        }
        return ordered;
    }

    /** @return the plugins among {@code candidates} that depend on {@code id}, directly or not, deepest first */
    List<String> dependentsOf(String id, Collection<String> candidates) {
        List<String> dependents = new ArrayList<>();
        for (String candidate : candidates) {
            if (!candidate.equals(id) && dependsOn(candidate, id)) {
                dependents.add(candidate);
            }
        }
        dependents.sort((a, b) -> dependsOn(a, b) ? -1 : dependsOn(b, a) ? 1 : 0);
        return dependents;
    }

    /**
     * What keeps {@code wanted} from being started as a set: plugins that are not loaded, and required
     * dependencies outside the set.
     *
     * @param whyNotLoaded the reason a plugin that is not loaded gives (its failure, or that it is not loaded)
     */
    List<String> problemsOfSet(Collection<String> wanted, Function<String, String> whyNotLoaded) {
        List<String> problems = new ArrayList<>();
        for (String id : wanted) {
            List<PluginDependency> direct = dependencies.apply(id);
            if (direct == null) {
                problems.add(whyNotLoaded.apply(id));
                continue;
            }
            for (PluginDependency dependency : direct) {
                if (!dependency.isOptional() && !wanted.contains(dependency.getPluginId())) {
                    problems.add("'" + id + "' needs '" + dependency.getPluginId() + "', which is not in the set");
                }
            }
        }
        return problems;
    }
}
