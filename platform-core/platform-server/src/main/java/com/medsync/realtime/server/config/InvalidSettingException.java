package com.medsync.realtime.server.config;

/**
 * A setting that stops start-up. The message always names the setting (and its environment variable
 * when it has one), so an operator can fix it without reading code.
 */
public final class InvalidSettingException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InvalidSettingException(String path, String problem) {
        super("Invalid setting " + describe(path) + ": " + problem);
    }

    private static String describe(String path) {
        return EnvironmentOverrides.variableFor(path)
                .map(variable -> path + " (" + variable + ")")
                .orElse(path);
    }
}
