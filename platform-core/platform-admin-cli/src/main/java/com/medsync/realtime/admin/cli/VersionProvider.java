package com.medsync.realtime.admin.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * The version Maven baked into {@code version.properties}: readable on the module path and on the class path
 * alike, where a manifest's {@code Implementation-Version} is not.
 */
final class VersionProvider implements IVersionProvider {

    private static final String UNKNOWN = "unknown";

    @Override
    public String[] getVersion() {
        return new String[] {"medsync-admin " + version()};
    }

    static String version() {
        try (InputStream in = VersionProvider.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return UNKNOWN;
            }
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("version", UNKNOWN);
            // Unfiltered, as when an IDE copies resources by itself.
            return version.startsWith("${") ? UNKNOWN : version;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
