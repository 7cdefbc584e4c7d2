package com.medsync.realtime.admin.cli;

import java.util.Map;
import picocli.CommandLine;

/** The {@code medsync-admin} launcher's entry point. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(commandLine(System.getenv()).execute(args));
    }

    /**
     * The whole command line, ready to {@code execute}; tests run it exactly as {@link #main} does.
     *
     * @param environment where the defaults ({@code MEDSYNC_ADMIN_URL}, {@code MEDSYNC_ADMIN_TOKEN}, ...) come from
     */
    static CommandLine commandLine(Map<String, String> environment) {
        FailureHandler failures = new FailureHandler();
        // A socket id may begin with a dash (see DashedId): an unknown option is an argument to the command,
        // and "-hQz..." is not -h followed by a cluster of short options.
        return new CommandLine(new AdminCommand(environment))
                .setUnmatchedOptionsArePositionalParams(true)
                .setPosixClusteredShortOptionsAllowed(false)
                .setExecutionExceptionHandler(failures)
                .setParameterExceptionHandler(failures);
    }
}
