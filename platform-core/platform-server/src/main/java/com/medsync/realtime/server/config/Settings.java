package com.medsync.realtime.server.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Typed access to one configuration, where every failure names the setting. Reading a value here is the
 * only way the server reads configuration, so every setting gets the same checks.
 */
public final class Settings {

    private final Config config;

    public Settings(Config config) {
        this.config = config;
    }

    public Config raw() {
        return config;
    }

    public int port(String path) {
        int port = integer(path);
        if (port < 0 || port > 65_535) {
            throw new InvalidSettingException(path, "must be a port number 0-65535, got " + port);
        }
        return port;
    }

    public int integer(String path) {
        try {
            return config.getInt(path);
        } catch (ConfigException e) {
            throw new InvalidSettingException(path, "must be a whole number (" + e.getMessage() + ")");
        }
    }

    public int positiveInteger(String path) {
        int value = integer(path);
        if (value <= 0) {
            throw new InvalidSettingException(path, "must be greater than 0, got " + value);
        }
        return value;
    }

    public boolean bool(String path) {
        try {
            return config.getBoolean(path);
        } catch (ConfigException e) {
            throw new InvalidSettingException(path, "must be true or false (" + e.getMessage() + ")");
        }
    }

    public Duration duration(String path) {
        try {
            Duration value = config.getDuration(path);
            if (value.isNegative()) {
                throw new InvalidSettingException(path, "must not be negative");
            }
            return value;
        } catch (ConfigException e) {
            throw new InvalidSettingException(path, "must be a duration such as 30s or 2m (" + e.getMessage() + ")");
        }
    }

    public String string(String path) {
        return optionalString(path).orElseThrow(() -> new InvalidSettingException(path, "must be set"));
    }

    public Optional<String> optionalString(String path) {
        try {
            if (!config.hasPath(path)) {
                return Optional.empty();
            }
            String value = config.getString(path);
            return value.isBlank() ? Optional.empty() : Optional.of(value);
        } catch (ConfigException e) {
            throw new InvalidSettingException(path, "must be a string (" + e.getMessage() + ")");
        }
    }

    public Optional<Path> optionalPath(String path) {
        return optionalString(path).map(Path::of);
    }

    public Optional<URI> optionalHttpUrl(String path) {
        return optionalString(path).map(value -> {
            try {
                URI uri = URI.create(value);
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                    throw new InvalidSettingException(path, "must be an http(s) URL, got " + value);
                }
                return uri;
            } catch (IllegalArgumentException e) {
                throw new InvalidSettingException(path, "must be an http(s) URL, got " + value);
            }
        });
    }

    public List<String> stringList(String path) {
        try {
            return List.copyOf(config.getStringList(path));
        } catch (ConfigException e) {
            throw new InvalidSettingException(path, "must be a list of strings (" + e.getMessage() + ")");
        }
    }

    public <E extends Enum<E>> E enumValue(String path, Class<E> type) {
        String value = string(path);
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(value)) {
                return constant;
            }
        }
        throw new InvalidSettingException(path, "must be one of "
                + java.util.Arrays.stream(type.getEnumConstants())
                        .map(c -> c.name().toLowerCase(Locale.ROOT)).toList()
                + ", got " + value);
    }
}
