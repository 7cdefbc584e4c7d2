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
        return new CommandLine(new AdminCommand(environment))
                .setExecutionExceptionHandler(failures)
                .setParameterExceptionHandler(failures);
    }
}
