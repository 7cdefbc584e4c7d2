package com.medsync.realtime.admin.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** {@code medsync-admin phase ...}: the migration phases of the configuration, and switching between them. */
@Command(name = "phase",
        scope = ScopeType.INHERIT,
        footerHeading = "%n",
        footer = "Environment variables and exit statuses: medsync-admin --help",
        description = "List the migration phases, see what switching to one would do, or bring the node's plugins"
                + " to one of them.")
final class PhaseCommand implements Callable<Integer> {

    private static final String CURRENT = "*";

    @ParentCommand
    AdminCommand admin;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing command: list, plan or apply");
    }

    @Command(name = "list", description = "Show the configured phases; * marks the current one.")
    int list() {
        Answer answer = admin.client().phases();
        answer.object("the phases");
        JsonNode phases = answer.arrayMember("phases", "phases");
        admin.show(answer, received -> render(received.json().path("current"), phases));
        return ExitCodes.OK;
    }

    @Command(name = "apply",
            description = "Start and stop plugins, in dependency order, until the node runs exactly that phase's set;"
                    + " in a cluster, wait until every node runs it and list the nodes that do not.")
    int apply(@Parameters(paramLabel = "NAME", description = "The phase, as `phase list` shows it, e.g. week3.")
              String name) {
        AdminCommand.nonBlank(spec, name, "NAME");
        Answer answer = admin.client().applyPhase(name);
        answer.object("the applied phase");
        JsonNode plugins = answer.arrayMember("plugins", "plugins");
        String current = Table.clean(answer.json().path("current").asText(name));
        ClusterOutcome cluster = new ClusterOutcome(answer.json().path("cluster"));
        admin.show(answer, received -> "Phase " + current + " applied.\n\n" + PluginTable.render(plugins)
                + cluster.render());
        int failures = admin.failures(plugins);
        List<String> notReached = cluster.notReached(current);
        if (notReached.isEmpty()) {
            return failures;
        }
        notReached.forEach(line -> spec.commandLine().getErr().println("medsync-admin: " + line));
        spec.commandLine().getErr().flush();
        return ExitCodes.REFUSED;
    }

    @Command(name = "plan",
            description = "Show what `phase apply NAME` would do, changing nothing: the plugins it would start and"
                    + " stop, the namespaces it would open and close, and the clients it would disconnect.")
    int plan(@Parameters(paramLabel = "NAME", description = "The phase, as `phase list` shows it, e.g. week3.")
             String name) {
        AdminCommand.nonBlank(spec, name, "NAME");
        Answer answer = admin.client().planPhase(name);
        answer.object("the phase plan");
        for (String member : new String[] {"start", "stop", "namespacesAppear", "namespacesVanish"}) {
            answer.arrayMember(member, member.startsWith("namespaces") ? "namespaces" : "plugin ids");
        }
        admin.show(answer, received -> PhasePlanText.render(received.json()));
        return ExitCodes.OK;
    }

    private static String render(JsonNode current, JsonNode phases) {
        String currentName = current.isTextual() ? current.asText() : null;
        // The marker column keeps its width when no phase is current, so the columns never shift.
        Table table = Table.of(" ", "PHASE", "PLUGINS", "DESCRIPTION");
        boolean listed = false;
        for (JsonNode phase : phases) {
            String name = phase.path("name").asText("");
            boolean isCurrent = name.equals(currentName);
            listed |= isCurrent;
            List<String> plugins = new ArrayList<>();
            phase.path("plugins").forEach(plugin -> plugins.add(plugin.asText()));
            table.row(isCurrent ? CURRENT : Table.BLANK, name, String.join(", ", plugins),
                    phase.path("description").asText(""));
        }
        String text = table.render();
        if (currentName == null) {
            return text + "No phase applied yet.\n";
        }
        return listed ? text : text + "Current phase: " + currentName + " (not in the configuration)\n";
    }
}
