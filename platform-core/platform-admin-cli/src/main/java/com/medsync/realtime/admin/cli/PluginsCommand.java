package com.medsync.realtime.admin.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** {@code medsync-admin plugins ...}: the feature plugins of the node and their lifecycle. */
@Command(name = "plugins",
        scope = ScopeType.INHERIT,
        footerHeading = "%n",
        footer = "Environment variables and exit statuses: medsync-admin --help",
        description = "List the node's plugins, change their state, load and unload them.")
final class PluginsCommand implements Callable<Integer> {

    @ParentCommand
    AdminCommand admin;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(),
                "Missing command: list, start, stop, enable, disable, reload, load or unload");
    }

    @Command(name = "list", description = "Show every plugin with its version, state and the events it provides.")
    int list() {
        Answer answer = admin.client().plugins();
        JsonNode plugins = answer.array("plugins");
        // A FAILED plugin is what the listing is for, not a failure of the listing: exit status 0.
        admin.show(answer, received -> PluginTable.render(plugins));
        return ExitCodes.OK;
    }

    @Command(name = "start", description = "Start a plugin.")
    int start(@Parameters(paramLabel = "ID", description = "The plugin id, as `plugins list` shows it.") String id) {
        return act(id, "start");
    }

    @Command(name = "stop", description = "Stop a plugin; its events are no longer served.")
    int stop(@Parameters(paramLabel = "ID", description = "The plugin id.") String id) {
        return act(id, "stop");
    }

    @Command(name = "enable", description = "Enable a disabled plugin, so that it can be started.")
    int enable(@Parameters(paramLabel = "ID", description = "The plugin id.") String id) {
        return act(id, "enable");
    }

    @Command(name = "disable", description = "Disable a plugin, so that it is not started.")
    int disable(@Parameters(paramLabel = "ID", description = "The plugin id.") String id) {
        return act(id, "disable");
    }

    @Command(name = "reload", description = "Reload a plugin from its jar.")
    int reload(@Parameters(paramLabel = "ID", description = "The plugin id.") String id) {
        return act(id, "reload");
    }

    @Command(name = "unload", description = "Unload a plugin from the node.")
    int unload(@Parameters(paramLabel = "ID", description = "The plugin id.") String id) {
        return showPlugin(admin.client().unloadPlugin(AdminCommand.nonBlank(spec, id, "ID")));
    }

    @Command(name = "load", description = "Load a plugin jar from the server's plugins directory.")
    int load(@Parameters(paramLabel = "PATH",
            description = "The jar's file name in the server's plugins directory (MEDSYNC_PLUGINS_DIR), not a"
                    + " local file, e.g. medsync-plugin-chat-1.0.0.jar.") String path) {
        return showPlugin(admin.client().loadPlugin(AdminCommand.nonBlank(spec, path, "PATH")));
    }

    private int act(String id, String action) {
        return showPlugin(admin.client().pluginAction(AdminCommand.nonBlank(spec, id, "ID"), action));
    }

    private int showPlugin(Answer answer) {
        return admin.showPlugins(answer, received -> received.object("a plugin"));
    }
}
