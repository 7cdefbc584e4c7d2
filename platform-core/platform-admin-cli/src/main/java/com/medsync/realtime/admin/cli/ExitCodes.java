package com.medsync.realtime.admin.cli;

/** The exit statuses scripts can rely on; {@link #USAGE} is picocli's own for a command line it cannot parse. */
final class ExitCodes {

    /** The operation was done. */
    static final int OK = 0;
    /**
     * The server refused the operation (unknown plugin, phase or socket, a bad filter, not possible now), a plugin
     * ended FAILED, a node of the cluster did not reach the phase applied, or other nodes did not answer (or could
     * not be asked) when a user was disconnected.
     */
    static final int REFUSED = 1;
    /** The command line is wrong. */
    static final int USAGE = 2;
    /** No usable conversation with the server: unreachable, token missing or refused, or an unexpected answer. */
    static final int UNAVAILABLE = 3;

    private ExitCodes() {
    }
}
