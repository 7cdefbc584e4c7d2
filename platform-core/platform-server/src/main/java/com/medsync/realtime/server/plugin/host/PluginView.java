package com.medsync.realtime.server.plugin.host;

import java.util.List;

/**
 * A plugin as the admin API shows it.
 *
 * @param id          {@code Plugin-Id}
 * @param version     {@code Plugin-Version}
 * @param state       pf4j's state: RESOLVED, STARTED, STOPPED, DISABLED, FAILED (or UNLOADED after an unload)
 * @param description {@code Plugin-Description}
 * @param provides    what the running plugin adds: events, client events, namespaces, webhooks
 * @param namespaces  the namespaces its manifest declares it serves ({@code Plugin-Namespaces}), running or not
 * @param failure     why it failed, when it did
 */
public record PluginView(String id, String version, String state, String description, List<String> provides,
        List<String> namespaces, String failure) {

    public PluginView {
        provides = List.copyOf(provides);
        namespaces = List.copyOf(namespaces);
    }
}
