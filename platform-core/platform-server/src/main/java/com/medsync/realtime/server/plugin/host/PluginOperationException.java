package com.medsync.realtime.server.plugin.host;

/** A plugin operation that cannot be done: the plugin is unknown, or the operation cannot be done now. */
public final class PluginOperationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why, each with the HTTP status the admin API answers. */
    public enum Kind {
        NOT_FOUND(404),
        CONFLICT(409);

        private final int status;

        Kind(int status) {
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private final Kind kind;

    PluginOperationException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public static PluginOperationException notFound(String message) {
        return new PluginOperationException(Kind.NOT_FOUND, message);
    }

    public static PluginOperationException conflict(String message) {
        return new PluginOperationException(Kind.CONFLICT, message);
    }

    public Kind kind() {
        return kind;
    }
}
