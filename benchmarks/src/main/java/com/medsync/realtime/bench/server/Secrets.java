package com.medsync.realtime.bench.server;

import java.security.SecureRandom;
import java.util.HexFormat;

/** The secrets of one benchmark run, shared by every server under test and the load generator. */
public record Secrets(String jwtSecret, String apiKey, String adminToken) {

    public static Secrets random() {
        return new Secrets(hex(32), hex(24), hex(24));
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
