package com.medsync.realtime.server.plugin.host;

import org.pf4j.PluginDependency;
import org.pf4j.PluginDescriptor;
import org.pf4j.VersionManager;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks plugin jars before pf4j loads them, so that one broken plugin ends FAILED with a reason while
 * the others load. pf4j's own resolver either throws for everyone or, with its "ignore" strategy, quietly
 * unloads plugins (for a wrong dependency version, it unloads the dependency instead of the dependent).
 */
final class PluginCandidates {

    /** A jar that can be loaded, in dependency order. */
    record Loadable(Path path, PluginDescriptor descriptor) {
    }

    /** A jar that cannot be loaded, and why. */
    record Refused(Path path, Optional<PluginDescriptor> descriptor, String reason) {

        String id() {
            return descriptor.map(PluginDescriptor::getPluginId).orElse(path.getFileName().toString());
        }
    }

    record Verdict(List<Loadable> loadable, List<Refused> refused) {
    }

    private final String platformVersion;
    private final VersionManager versions;

    PluginCandidates(String platformVersion, VersionManager versions) {
        this.platformVersion = platformVersion;
        this.versions = versions;
    }

    /**
     * @param jars    the jars to load
     * @param loaded  plugins already loaded (id to version), which candidates may depend on
     */
    Verdict check(List<Path> jars, Map<String, String> loaded) {
        List<Refused> refused = new ArrayList<>();
        Map<String, Loadable> candidates = new LinkedHashMap<>();
        for (Path jar : jars) {
            PluginDescriptor descriptor;
            try {
                descriptor = new MedsyncDescriptorFinder().find(jar);
            } catch (RuntimeException e) {
                refused.add(new Refused(jar, Optional.empty(), "cannot read its plugin descriptor: " + e.getMessage()));
                continue;
            }
            String id = descriptor.getPluginId();
            Optional<String> problem = ownProblem(descriptor);
            if (problem.isEmpty() && (loaded.containsKey(id) || candidates.containsKey(id))) {
                problem = Optional.of("a plugin with id '" + id + "' is already loaded");
            }
            if (problem.isPresent()) {
                refused.add(new Refused(jar, Optional.of(descriptor), problem.get()));
            } else {
                candidates.put(id, new Loadable(jar, descriptor));
            }
        }
        // A plugin whose dependency is refused is refused too, so repeat until nothing changes.
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Loadable candidate : List.copyOf(candidates.values())) {
                Optional<String> problem = dependencyProblem(candidate.descriptor(), candidates, loaded);
                if (problem.isPresent()) {
                    candidates.remove(candidate.descriptor().getPluginId());
                    refused.add(new Refused(candidate.path(), Optional.of(candidate.descriptor()), problem.get()));
                    changed = true;
                }
            }
        }
        return new Verdict(inDependencyOrder(candidates), refused);
    }

    private Optional<String> ownProblem(PluginDescriptor descriptor) {
        if (descriptor.getPluginId() == null || descriptor.getPluginId().isBlank()) {
            return Optional.of("its descriptor has no Plugin-Id");
        }
        if (descriptor.getVersion() == null || descriptor.getVersion().isBlank()) {
            return Optional.of("its descriptor has no Plugin-Version");
        }
        Optional<String> namespaces = MedsyncPluginDescriptor.problemOf(descriptor);
        if (namespaces.isPresent()) {
            return namespaces;
        }
        String requires = descriptor.getRequires();
        if (requires != null && !requires.isBlank() && !"*".equals(requires.trim())) {
            try {
                if (!versions.checkVersionConstraint(platformVersion, requires)) {
                    return Optional.of("it requires platform " + requires + ", this platform is " + platformVersion);
                }
            } catch (RuntimeException e) {
                return Optional.of("its Plugin-Requires '" + requires + "' is not a version constraint");
            }
        }
        return Optional.empty();
    }

    private Optional<String> dependencyProblem(PluginDescriptor descriptor, Map<String, Loadable> candidates,
            Map<String, String> loaded) {
        for (PluginDependency dependency : descriptor.getDependencies()) {
            String id = dependency.getPluginId();
            String version = loaded.containsKey(id) ? loaded.get(id)
                    : candidates.containsKey(id) ? candidates.get(id).descriptor().getVersion() : null;
            if (version == null) {
                if (dependency.isOptional()) {
                    continue;
                }
                return Optional.of("it needs plugin '" + id + "', which is not loaded");
            }
            String support = dependency.getPluginVersionSupport();
            if (support != null && !"*".equals(support) && !versions.checkVersionConstraint(version, support)) {
                return Optional.of("it needs plugin '" + id + "' " + support + ", found " + version);
            }
        }
        return Optional.empty();
    }

    private static List<Loadable> inDependencyOrder(Map<String, Loadable> candidates) {
        List<Loadable> ordered = new ArrayList<>();
        Map<String, Loadable> remaining = new LinkedHashMap<>(candidates);
        while (!remaining.isEmpty()) {
            boolean progressed = false;
            for (Loadable candidate : List.copyOf(remaining.values())) {
                boolean ready = candidate.descriptor().getDependencies().stream()
                        .map(PluginDependency::getPluginId)
                        .noneMatch(remaining::containsKey);
                if (ready) {
                    ordered.add(candidate);
                    remaining.remove(candidate.descriptor().getPluginId());
                    progressed = true;
                }
            }
            if (!progressed) {
                // A dependency cycle: pf4j refuses those; load them in any order and let it say so.
                ordered.addAll(remaining.values());
                break;
            }
        }
        return ordered;
    }
}
