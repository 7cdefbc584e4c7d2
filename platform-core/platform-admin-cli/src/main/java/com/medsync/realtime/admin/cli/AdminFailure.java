package com.medsync.realtime.admin.cli;

/**
 * Ends a command with a one-line explanation on stderr and an exit status.
 *
 * <p>The message is shown to the operator as it is, so it must never contain the admin token.
 */
final class AdminFailure extends RuntimeException {

    private final int exitCode;

    private AdminFailure(int exitCode, String message) {
        // The operator needs the sentence, not a stack trace.
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    /** The server understood the request and said no; exit status {@link ExitCodes#REFUSED}. */
    static AdminFailure refused(String message) {
        return new AdminFailure(ExitCodes.REFUSED, message);
    }

    /** No usable conversation with the server; exit status {@link ExitCodes#UNAVAILABLE}. */
    static AdminFailure unavailable(String message) {
        return new AdminFailure(ExitCodes.UNAVAILABLE, message);
    }

    int exitCode() {
        return exitCode;
    }
}
