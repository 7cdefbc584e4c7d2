package com.medsync.realtime.server.plugin.admin;

import java.util.List;
import java.util.Optional;

/**
 * What applying a phase would do on this node, worked out without changing anything.
 *
 * @param phase            the phase planned
 * @param current          the phase applied now, if any
 * @param start            plugins it would start, dependencies first
 * @param stop             plugins it would stop, dependents first
 * @param namespacesAppear namespaces the started plugins would serve: those their manifests declare
 *                         ({@code Plugin-Namespaces}) and those they served when they last ran on this node
 * @param namespacesVanish namespaces the stopped plugins serve now, whose sockets would be disconnected
 */
public record PhasePlan(String phase, Optional<String> current, List<String> start, List<String> stop,
        List<String> namespacesAppear, List<String> namespacesVanish) {

    public PhasePlan {
        start = List.copyOf(start);
        stop = List.copyOf(stop);
        namespacesAppear = List.copyOf(namespacesAppear);
        namespacesVanish = List.copyOf(namespacesVanish);
    }
}
