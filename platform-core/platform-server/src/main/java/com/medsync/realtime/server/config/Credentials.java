package com.medsync.realtime.server.config;

import com.medsync.realtime.auth.JwtSettings;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The secrets the server runs with. In the dev profile a missing secret is generated (and the server then
 * binds to loopback only); in the prod profile a missing secret stops start-up.
 *
 * @param jwt        token verification settings
 * @param apiKey     bearer key of the publish API
 * @param adminToken bearer token of the admin API
 * @param generated  the environment variables whose values were generated, empty when none
 */
public record Credentials(JwtSettings jwt, String apiKey, String adminToken, List<String> generated) {

    private static final SecureRandom RANDOM = new SecureRandom();

    public Credentials {
        generated = List.copyOf(generated);
    }

    /** @return whether any secret was made up at start-up, which makes this a dev server */
    public boolean anyGenerated() {
        return !generated.isEmpty();
    }

    public static Credentials resolve(ServerSettings settings) {
        boolean dev = settings.profile() == Profile.DEV;
        List<String> generated = new ArrayList<>();
        ServerSettings.JwtConfig jwt = settings.jwt();

        Optional<String> secret = jwt.secret();
        if (secret.isEmpty() && jwt.publicKey().isEmpty()) {
            secret = Optional.of(required(dev, "medsync.auth.jwt.secret", "MEDSYNC_JWT_SECRET", generated));
        }
        String apiKey = settings.apiKey()
                .orElseGet(() -> required(dev, "medsync.api-key", "MEDSYNC_API_KEY", generated));
        String adminToken = settings.adminToken()
                .orElseGet(() -> required(dev, "medsync.admin-token", "MEDSYNC_ADMIN_TOKEN", generated));
        JwtSettings verification;
        try {
            verification = new JwtSettings(secret, jwt.publicKey(), jwt.issuer(), jwt.audience(), jwt.clockSkew());
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(jwt.publicKey().isPresent() && secret.isPresent()
                    ? "medsync.auth.jwt" : secret.isPresent() ? "medsync.auth.jwt.secret"
                    : "medsync.auth.jwt.public-key", e.getMessage());
        }
        return new Credentials(verification, apiKey, adminToken, generated);
    }

    private static String required(boolean dev, String path, String variable, List<String> generated) {
        if (!dev) {
            throw new InvalidSettingException(path, "required when MEDSYNC_PROFILE=prod");
        }
        generated.add(variable);
        return randomSecret();
    }

    private static String randomSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
