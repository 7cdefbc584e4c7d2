package com.medsync.realtime.server.plugin.admin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/** The SHA-256 of plugin jars, by which a node makes sure it loads the bytes the cluster published. */
public final class JarChecksum {

    private JarChecksum() {
    }

    /** @return the SHA-256 of {@code bytes}, lowercase hex */
    public static String of(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    /** @return the SHA-256 of a file, lowercase hex */
    public static String of(Path file) {
        MessageDigest digest = digest();
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                digest.update(buffer, 0, read);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** @return why {@code bytes} are not the jar whose checksum is {@code expected}, or empty when they are */
    public static Optional<String> mismatch(String expected, byte[] bytes) {
        String actual = of(bytes);
        return actual.equalsIgnoreCase(expected) ? Optional.empty()
                : Optional.of("checksum mismatch: expected " + expected + " got " + actual);
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
