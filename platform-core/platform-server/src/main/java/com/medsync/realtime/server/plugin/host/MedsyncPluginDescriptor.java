package com.medsync.realtime.server.plugin.host;

import com.medsync.realtime.server.socket.NamespaceName;

import org.pf4j.DefaultPluginDescriptor;
import org.pf4j.PluginDescriptor;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * pf4j's descriptor plus {@code Plugin-Namespaces}: the Socket.IO namespaces the plugin says it serves, so that a
 * phase's plan can name them before the plugin ever ran on this node. The entry is a comma-separated list such as
 * {@code /} or {@code /pharmacy, /rider}; absent or blank means none. A malformed entry is kept as a problem
 * rather than thrown, so that the plugin is refused with its id and the reason ({@link PluginCandidates}) instead
 * of as an anonymous unreadable jar.
 */
final class MedsyncPluginDescriptor extends DefaultPluginDescriptor {

    static final String PLUGIN_NAMESPACES = "Plugin-Namespaces";

    private List<String> namespaces = List.of();
    private Optional<String> namespacesProblem = Optional.empty();

    /** @param entry the manifest's {@code Plugin-Namespaces} value, null when it has none */
    void declareNamespaces(String entry) {
        namespaces = List.of();
        namespacesProblem = Optional.empty();
        if (entry == null || entry.isBlank()) {
            return;
        }
        Set<String> declared = new LinkedHashSet<>();
        List<String> problems = new ArrayList<>();
        for (String item : entry.split(",")) {
            String namespace = item.trim();
            if (namespace.isEmpty()) {
                // A trailing or doubled comma says nothing else: it is no reason to refuse a plugin.
                continue;
            }
            Optional<String> problem = NamespaceName.problem(namespace);
            if (problem.isPresent()) {
                problems.add("'" + namespace + "' " + problem.get());
            } else {
                declared.add(namespace);
            }
        }
        if (problems.isEmpty()) {
            namespaces = List.copyOf(declared);
        } else {
            namespacesProblem = Optional.of("its " + PLUGIN_NAMESPACES + " '" + entry.trim() + "' is not a"
                    + " comma-separated list of namespaces such as /pharmacy: " + String.join("; ", problems));
        }
    }

    /** @return the namespaces declared, in the manifest's order without repeats; none when the entry is malformed */
    List<String> namespaces() {
        return namespaces;
    }

    /** @return why {@code Plugin-Namespaces} cannot be read, if it cannot */
    Optional<String> namespacesProblem() {
        return namespacesProblem;
    }

    /** @return the namespaces a descriptor declares; none for a descriptor pf4j made without this finder */
    static List<String> declaredBy(PluginDescriptor descriptor) {
        return descriptor instanceof MedsyncPluginDescriptor medsync ? medsync.namespaces() : List.of();
    }

    /** @return why a descriptor's {@code Plugin-Namespaces} cannot be read, if it cannot */
    static Optional<String> problemOf(PluginDescriptor descriptor) {
        return descriptor instanceof MedsyncPluginDescriptor medsync ? medsync.namespacesProblem() : Optional.empty();
    }
}
