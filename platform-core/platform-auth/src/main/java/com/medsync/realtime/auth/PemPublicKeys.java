package com.medsync.realtime.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the verification key named by {@code MEDSYNC_JWT_PUBLIC_KEY}. Every failure is an
 * {@link IllegalArgumentException} naming the file, so a bad deployment stops at start-up with a message an
 * operator can act on, instead of refusing every client later.
 */
final class PemPublicKeys {

    /** jjwt refuses RS256 with smaller keys (RFC 7518, section 3.3) at verification time; fail at start instead. */
    static final int MIN_RSA_BITS = 2048;

    private static final Pattern PEM_BLOCK =
            Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);

    private PemPublicKeys() {
    }

    /** @return the RSA (at least 2048 bits) or EC P-256 public key in the PEM file */
    static PublicKey read(Path file) {
        String text;
        try {
            // ISO-8859-1 maps every byte, so a binary (DER) file reaches the "not PEM" message below.
            text = Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            throw invalid(file, "no such file");
        } catch (AccessDeniedException e) {
            throw invalid(file, "permission denied");
        } catch (IOException e) {
            throw invalid(file, "cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        Matcher block = PEM_BLOCK.matcher(text);
        if (!block.find()) {
            throw invalid(file, "is not PEM; expected -----BEGIN PUBLIC KEY-----");
        }
        String label = block.group(1);
        switch (label) {
            case "PUBLIC KEY":
                break;
            case "RSA PUBLIC KEY":
                throw invalid(file, "is a PKCS#1 RSA key; convert it with "
                        + "'openssl rsa -RSAPublicKey_in -in FILE -pubout' to -----BEGIN PUBLIC KEY-----");
            case "CERTIFICATE":
                throw invalid(file, "is a certificate; extract its key with 'openssl x509 -in FILE -pubkey -noout'");
            default:
                if (label.contains("PRIVATE")) {
                    // Said plainly because a private key on a verifier host is a leak worth noticing.
                    throw invalid(file, "holds a private key; configure the public key (-----BEGIN PUBLIC KEY-----)");
                }
                throw invalid(file, "holds a PEM " + label + "; expected -----BEGIN PUBLIC KEY-----");
        }
        byte[] der;
        try {
            // Not the MIME decoder: it skips characters it does not know, which would hide a damaged file.
            der = Base64.getDecoder().decode(block.group(2).replaceAll("\\s+", ""));
        } catch (IllegalArgumentException e) {
            throw invalid(file, "has invalid Base64 in its PUBLIC KEY block");
        }
        PublicKey key = decode(file, der);
        if (key instanceof RSAPublicKey rsa) {
            int bits = rsa.getModulus().bitLength();
            if (bits < MIN_RSA_BITS) {
                throw invalid(file, "holds a " + bits + "-bit RSA key; RS256 needs at least " + MIN_RSA_BITS);
            }
        } else if (key instanceof ECPublicKey ec && !isP256(ec.getParams())) {
            throw invalid(file, "holds an EC key that is not on curve P-256; ES256 needs P-256");
        }
        return key;
    }

    private static PublicKey decode(Path file, byte[] der) {
        X509EncodedKeySpec spec = new X509EncodedKeySpec(der);
        for (String algorithm : new String[] {"RSA", "EC"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePublic(spec);
            } catch (InvalidKeySpecException e) {
                // Not this algorithm's SubjectPublicKeyInfo: try the next one.
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("the JDK has no " + algorithm + " KeyFactory", e);
            }
        }
        throw invalid(file, "is not an RSA or EC public key");
    }

    private static boolean isP256(ECParameterSpec params) {
        ECParameterSpec p256;
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec("secp256r1"));
            p256 = parameters.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK does not know curve secp256r1", e);
        }
        // ECParameterSpec has no equals(); its parts do.
        return params.getCurve().equals(p256.getCurve())
                && params.getGenerator().equals(p256.getGenerator())
                && params.getOrder().equals(p256.getOrder())
                && params.getCofactor() == p256.getCofactor();
    }

    private static IllegalArgumentException invalid(Path file, String problem) {
        return new IllegalArgumentException("MEDSYNC_JWT_PUBLIC_KEY file " + file + " " + problem);
    }
}
