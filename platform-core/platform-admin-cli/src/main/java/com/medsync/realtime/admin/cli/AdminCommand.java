package com.medsync.realtime.admin.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code medsync-admin}: the options every command shares, and how they become a client and an output.
 *
 * <p>The options are inherited, so {@code medsync-admin plugins list --json} works as well as
 * {@code medsync-admin --json plugins list}; picocli stores them in this object either way.
 */
@Command(name = "medsync-admin",
        scope = ScopeType.INHERIT,
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = "Operates a MedSync Realtime node through its admin API: plugins, migration phases, stats,"
                + " connections and rooms, disconnects.",
        subcommands = {PluginsCommand.class, PhaseCommand.class, StatsCommand.class, ConnectionsCommand.class,
            RoomsCommand.class, DisconnectCommand.class, HelpCommand.class},
        footerHeading = "%nEnvironment:%n",
        footer = {
            "  MEDSYNC_ADMIN_URL    base URL of the node's HTTP API",
            "  MEDSYNC_HTTP_PORT    without MEDSYNC_ADMIN_URL: http://127.0.0.1:PORT (3001)",
            "  MEDSYNC_ADMIN_TOKEN  bearer token of the admin API",
            "%nExit status:",
            "  0  done",
            "  1  the server refused (unknown plugin, phase or socket, bad filter, not",
            "     possible now: see the message), a plugin ended FAILED, a node did not",
            "     reach the phase, or other nodes did not answer a user's disconnect",
            "  2  wrong command line",
            "  3  cannot reach the server, token missing or refused, or answer not understood"})
final class AdminCommand implements Callable<Integer> {

    static final String URL_VARIABLE = "MEDSYNC_ADMIN_URL";
    static final String PORT_VARIABLE = "MEDSYNC_HTTP_PORT";
    static final String TOKEN_VARIABLE = "MEDSYNC_ADMIN_TOKEN";
    private static final String DEFAULT_PORT = "3001";

    private final Map<String, String> environment;

    @Spec
    CommandSpec spec;

    @Option(names = "--url", paramLabel = "URL", scope = ScopeType.INHERIT,
            description = "Base URL of the node's HTTP API. Default: $" + URL_VARIABLE + ", else the local node"
                    + " on port $" + PORT_VARIABLE + " (" + DEFAULT_PORT + ").")
    String url;

    // No default shown in the help, so the token can never be printed from the environment.
    @Option(names = "--token", paramLabel = "TOKEN", scope = ScopeType.INHERIT,
            description = "Admin token (default: $" + TOKEN_VARIABLE + "). Prefer the variable: other users"
                    + " of the machine can read command lines.")
    String token;

    @Option(names = "--json", scope = ScopeType.INHERIT,
            description = "Print the server's JSON answer as it is instead of a table.")
    boolean json;

    /** @param environment where the defaults come from: {@code System.getenv()}, or a test's own */
    AdminCommand(Map<String, String> environment) {
        this.environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing command: plugins, phase, stats,"
                + " connections, rooms or disconnect");
    }

    /** A client for the server and token the options and environment name. */
    AdminClient client() {
        ServerAddress server = server();
        String bearer = present(token) ? token : environment.get(TOKEN_VARIABLE);
        if (!present(bearer)) {
            throw AdminFailure.unavailable("no admin token: set " + TOKEN_VARIABLE + " (or pass --token)");
        }
        if (!bearer.chars().allMatch(c -> c > ' ' && c < 0x7f)) {
            throw AdminFailure.unavailable("the admin token has characters an HTTP header cannot carry; check "
                    + TOKEN_VARIABLE);
        }
        return new AdminClient(server, bearer, AdminClient.CONNECT_TIMEOUT, AdminClient.REQUEST_TIMEOUT);
    }

    private ServerAddress server() {
        String chosen;
        String source;
        if (present(url)) {
            chosen = url;
            source = "--url";
        } else if (present(environment.get(URL_VARIABLE))) {
            chosen = environment.get(URL_VARIABLE);
            source = URL_VARIABLE;
        } else {
            // Like the shell's ${MEDSYNC_HTTP_PORT:-3001}: empty counts as unset.
            String port = present(environment.get(PORT_VARIABLE))
                    ? environment.get(PORT_VARIABLE).trim() : DEFAULT_PORT;
            if (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
                throw new ParameterException(spec.commandLine(),
                        "Invalid " + PORT_VARIABLE + " '" + port + "': must be a port number (1-65535)");
            }
            chosen = "http://127.0.0.1:" + port;
            source = PORT_VARIABLE;
        }
        try {
            return ServerAddress.parse(chosen);
        } catch (IllegalArgumentException e) {
            // The value is not repeated: it may carry a password in its user info.
            throw new ParameterException(spec.commandLine(), "Invalid " + source + ": " + e.getMessage());
        }
    }

    /** Prints the answer: as received with {@code --json}, else as {@code table} renders it. */
    void show(Answer answer, Function<Answer, String> table) {
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.print(answer.body().endsWith("\n") ? answer.body() : answer.body() + "\n");
        } else {
            out.print(table.apply(answer));
        }
        out.flush();
    }

    /**
     * Prints plugin objects and tells whether they are all healthy. The shape is checked with {@code --json} too,
     * so a script never gets exit status 0 for an answer this tool does not understand.
     *
     * @param plugins picks the plugin array (or the one plugin object) out of the answer, or throws
     * @return as {@link #failures(JsonNode)}
     */
    int showPlugins(Answer answer, Function<Answer, JsonNode> plugins) {
        JsonNode selected = plugins.apply(answer);
        show(answer, received -> PluginTable.render(selected));
        return failures(selected);
    }

    /**
     * Says on stderr which plugins ended {@code FAILED}: the operation answered 200 but did not achieve its aim.
     *
     * @return {@link ExitCodes#REFUSED} when a plugin is {@code FAILED}, else {@link ExitCodes#OK}
     */
    int failures(JsonNode plugins) {
        return shortfalls(PluginTable.failures(plugins));
    }

    /**
     * Says on stderr, one line each, how an operation the server answered 200 fell short of its aim.
     *
     * @return {@link ExitCodes#REFUSED} when there is any, else {@link ExitCodes#OK}
     */
    int shortfalls(List<String> lines) {
        PrintWriter err = spec.commandLine().getErr();
        lines.forEach(line -> err.println("medsync-admin: " + line));
        err.flush();
        return lines.isEmpty() ? ExitCodes.OK : ExitCodes.REFUSED;
    }

    /**
     * An argument that must say something: a blank one (an unset shell variable, say) would name nothing or, as a
     * filter, be taken by the server for no filter at all.
     *
     * @param command the command whose usage error it is
     * @return {@code value}
     */
    static String nonBlank(CommandSpec command, String value, String label) {
        if (value.isBlank()) {
            throw new ParameterException(command.commandLine(), label + " must not be empty");
        }
        return value;
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
