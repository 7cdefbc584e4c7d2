package com.medsync.realtime.admin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

/** Runs {@code medsync-admin} as {@link Main#main} does, with a given environment and captured output. */
final class Cli {

    /** What one run printed and returned. */
    record Run(int exitCode, String out, String err) {
    }

    private Cli() {
    }

    /**
     * @param environment the only environment the CLI sees, so the machine's own MEDSYNC_* never leaks in
     * @param secret      a token the output must never contain, whatever happened
     */
    static Run run(Map<String, String> environment, String secret, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = Main.commandLine(environment)
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(args);
        Run run = new Run(exitCode, out.toString(), err.toString());
        assertThat(run.out() + run.err()).as("output of %s", String.join(" ", args)).doesNotContain(secret);
        return run;
    }
}
