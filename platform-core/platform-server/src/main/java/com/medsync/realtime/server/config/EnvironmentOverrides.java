package com.medsync.realtime.server.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The environment variables of the outside contract and the settings they override. Kept as an explicit
 * table rather than HOCON {@code ${?VAR}} substitutions, because those would rank the deployment file
 * above the environment, and the contract ranks the environment higher.
 */
public final class EnvironmentOverrides {

    private static final Map<String, String> PATHS = new LinkedHashMap<>();

    static {
        PATHS.put("MEDSYNC_PROFILE", "medsync.profile");
        PATHS.put("MEDSYNC_SOCKET_PORT", "medsync.socket.port");
        PATHS.put("MEDSYNC_HTTP_PORT", "medsync.http.port");
        PATHS.put("MEDSYNC_BIND", "medsync.bind");
        PATHS.put("MEDSYNC_JWT_SECRET", "medsync.auth.jwt.secret");
        PATHS.put("MEDSYNC_JWT_PUBLIC_KEY", "medsync.auth.jwt.public-key");
        PATHS.put("MEDSYNC_API_KEY", "medsync.api-key");
        PATHS.put("MEDSYNC_ADMIN_TOKEN", "medsync.admin-token");
        PATHS.put("MEDSYNC_PLUGINS_DIR", "medsync.plugins.dir");
        PATHS.put("MEDSYNC_STATE_DIR", "medsync.state.dir");
        PATHS.put("MEDSYNC_PHASE", "medsync.phase");
        PATHS.put("MEDSYNC_STORE", "medsync.store.type");
        PATHS.put("MEDSYNC_REDIS_URL", "medsync.store.redis-url");
        PATHS.put("MEDSYNC_REDIS_PREFIX", "medsync.store.redis-prefix");
        PATHS.put("MEDSYNC_REDIS_MAX_STREAM_LAG", "medsync.store.redis-max-stream-lag");
        PATHS.put("MEDSYNC_ALLOWED_ORIGINS", "medsync.allowed-origins");
        PATHS.put("MEDSYNC_ADMIN_UI_ENABLED", "medsync.admin-ui.enabled");
        PATHS.put("MEDSYNC_ADMIN_UI_PORT", "medsync.admin-ui.port");
        PATHS.put("MEDSYNC_ADMIN_UI_USERNAME", "medsync.admin-ui.username");
        PATHS.put("MEDSYNC_ADMIN_UI_PASSWORD_HASH", "medsync.admin-ui.password-hash");
        PATHS.put("MEDSYNC_ADMIN_UI_READONLY", "medsync.admin-ui.readonly");
        PATHS.put("MEDSYNC_CONSOLE_SECURE_COOKIE", "medsync.console.secure-cookie");
    }

    private static final String LIST_VARIABLE = "MEDSYNC_ALLOWED_ORIGINS";

    private EnvironmentOverrides() {
    }

    /** @return the settings the given environment sets, as a config layer */
    public static Config from(Map<String, String> environment) {
        Map<String, Object> values = new HashMap<>();
        PATHS.forEach((variable, path) -> {
            String value = environment.get(variable);
            if (value == null || value.isBlank()) {
                return;
            }
            if (LIST_VARIABLE.equals(variable)) {
                List<String> items = Arrays.stream(value.split(","))
                        .map(String::trim)
                        .filter(item -> !item.isEmpty())
                        .toList();
                values.put(path, items);
            } else {
                values.put(path, value.trim());
            }
        });
        return ConfigFactory.parseMap(values, "environment variables");
    }

    /** @return the environment variable that overrides a setting, if there is one */
    public static Optional<String> variableFor(String path) {
        return PATHS.entrySet().stream()
                .filter(entry -> entry.getValue().equals(path))
                .map(Map.Entry::getKey)
                .findFirst();
    }
}
