package com.medsync.realtime.server.plugin.feature;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

/**
 * Everything one running plugin added to the platform, as undo actions. Undoing them all, newest first,
 * leaves no reference from the host to the plugin's classes, so its class loader can be collected after
 * unload.
 */
final class Registrations {

    private static final Logger log = LoggerFactory.getLogger(Registrations.class);

    private final String pluginId;
    private final Consumer<String> namespaceServed;
    private final Deque<Undo> undos = new ArrayDeque<>();
    private final List<String> provides = new ArrayList<>();
    private final List<String> namespaces = new ArrayList<>();

    private record Undo(String what, Runnable action) {
    }

    /** @param namespaceServed told of each namespace the plugin starts serving */
    Registrations(String pluginId, Consumer<String> namespaceServed) {
        this.pluginId = pluginId;
        this.namespaceServed = namespaceServed;
    }

    /** Records something added, with the action that removes it. */
    synchronized void added(String what, Runnable undo) {
        undos.push(new Undo(what, undo));
        provides.add(what);
    }

    /** Records a namespace the plugin serves, with the action that stops serving it. */
    synchronized void addedNamespace(String namespace, Runnable undo) {
        added("namespace " + namespace, undo);
        namespaces.add(namespace);
        namespaceServed.accept(namespace);
    }

    synchronized List<String> provides() {
        return List.copyOf(provides);
    }

    /** @return the namespaces the plugin serves now */
    synchronized List<String> namespaces() {
        return List.copyOf(namespaces);
    }

    /** Removes everything, newest first; a failing undo is logged and the rest still run. */
    synchronized void undoAll() {
        while (!undos.isEmpty()) {
            Undo undo = undos.pop();
            try {
                undo.action().run();
            } catch (RuntimeException e) {
                log.error("Removing {} of plugin {} failed", undo.what(), pluginId, e);
            }
        }
        provides.clear();
        namespaces.clear();
    }
}
