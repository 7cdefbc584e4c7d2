package com.medsync.realtime.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The platform's version, as the build wrote it: what plugins' {@code Plugin-Requires} is checked against. */
public final class PlatformVersion {

    private PlatformVersion() {
    }

    public static String current() {
        try (InputStream in = PlatformVersion.class.getResourceAsStream("platform.properties")) {
            if (in == null) {
                throw new IllegalStateException("platform.properties is missing from the server jar");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("platform.version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
