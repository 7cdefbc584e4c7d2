package com.medsync.realtime.admin.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** How plugin objects of the admin API are shown: by {@code plugins} and by {@code phase apply}. */
final class PluginTable {

    private static final String FAILED = "FAILED";

    private PluginTable() {
    }

    /**
     * {@code ID VERSION STATE PROVIDES}, and {@code FAILURE} when at least one plugin says why it failed.
     *
     * @param plugins a JSON array of plugin objects, or one plugin object
     */
    static String render(JsonNode plugins) {
        boolean anyFailure = false;
        for (JsonNode plugin : each(plugins)) {
            anyFailure |= !Fields.text(plugin, "failure").isBlank();
        }
        Table table = anyFailure
                ? Table.of("ID", "VERSION", "STATE", "PROVIDES", "FAILURE")
                : Table.of("ID", "VERSION", "STATE", "PROVIDES");
        for (JsonNode plugin : each(plugins)) {
            String id = Fields.text(plugin, "id");
            String version = Fields.text(plugin, "version");
            String state = Fields.text(plugin, "state");
            String provides = Fields.list(plugin, "provides");
            if (anyFailure) {
                table.row(id, version, state, provides, Fields.text(plugin, "failure"));
            } else {
                table.row(id, version, state, provides);
            }
        }
        return table.render();
    }

    /**
     * Why the operation did not achieve what it was for: one line per plugin the server reports {@code FAILED}.
     *
     * @param plugins a JSON array of plugin objects, or one plugin object
     */
    static List<String> failures(JsonNode plugins) {
        List<String> failures = new ArrayList<>();
        for (JsonNode plugin : each(plugins)) {
            if (FAILED.equals(Fields.text(plugin, "state"))) {
                String why = Fields.text(plugin, "failure");
                String line = "plugin " + Fields.text(plugin, "id") + " is FAILED"
                        + (why.isBlank() ? "" : ": " + why);
                failures.add(Table.clean(line));
            }
        }
        return failures;
    }

    private static Iterable<JsonNode> each(JsonNode plugins) {
        // Iterating an object node would walk its fields: one plugin object is one row.
        return plugins.isArray() ? plugins : List.of(plugins);
    }
}
