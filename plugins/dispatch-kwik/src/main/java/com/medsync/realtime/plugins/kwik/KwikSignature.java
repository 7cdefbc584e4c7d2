package com.medsync.realtime.plugins.kwik;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks the {@code X-Kwik-Signature} of a webhook call: the lower-case hex HMAC-SHA256 of the raw body with
 * the shared secret. Compared in constant time, so the answer's timing tells a forger nothing.
 */
final class KwikSignature {

    static final String HEADER = "x-kwik-signature";

    private final byte[] secret;

    KwikSignature(String secret) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    /** @return the signature of a body, as Kwik sends it */
    String sign(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** @return whether {@code signature} (hex, any case) is the body's */
    boolean matches(byte[] body, String signature) {
        if (signature == null) {
            return false;
        }
        byte[] expected = sign(body).getBytes(StandardCharsets.US_ASCII);
        byte[] given = signature.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given);
    }
}
