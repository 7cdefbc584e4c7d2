package com.medsync.realtime.server.plugin.admin;

import java.util.List;

/**
 * A migration phase: the set of plugins that runs during it.
 *
 * @param name        such as {@code week1}
 * @param description what clients see during it
 * @param plugins     the plugins started in this phase; every other plugin is stopped
 */
public record Phase(String name, String description, List<String> plugins) {

    public Phase {
        plugins = List.copyOf(plugins);
    }
}
