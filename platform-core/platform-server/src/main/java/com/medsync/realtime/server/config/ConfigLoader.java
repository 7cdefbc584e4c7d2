package com.medsync.realtime.server.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigValue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * Builds the effective configuration in the order of the contract: {@code reference.conf}, the deployment
 * file, environment variables, then {@code -D} system properties. Unknown keys under {@code medsync} are
 * refused here, so a typo never silently falls back to a default.
 */
public final class ConfigLoader {

    private static final String ROOT = "medsync";

    /**
     * Subtrees whose keys are free-form (their owners validate them), so they are not checked against
     * {@code reference.conf}.
     */
    private final Set<String> openSubtrees;

    public ConfigLoader(Set<String> openSubtrees) {
        this.openSubtrees = Set.copyOf(openSubtrees);
    }

    /** Phases and plugin settings are free-form here; {@code PhaseCatalog} and each plugin check them. */
    public ConfigLoader() {
        this(Set.of("medsync.phases", "medsync.plugin-config"));
    }

    /**
     * @param deploymentFile the deployment's {@code application.conf}, if any
     * @param environment    the process environment
     * @param systemProperties the {@code -D} properties
     */
    public Config load(Optional<Path> deploymentFile, Map<String, String> environment, Properties systemProperties) {
        Config reference = reference();
        Config deployment = deploymentFile.map(ConfigLoader::parseFile).orElse(ConfigFactory.empty());
        Config system = ConfigFactory.parseProperties(onlyOurs(systemProperties), ConfigParseOptions.defaults()
                .setOriginDescription("system properties"));
        Config merged = system
                .withFallback(EnvironmentOverrides.from(environment))
                .withFallback(deployment)
                .withFallback(reference)
                .resolve();
        rejectUnknownKeys(merged, reference);
        return merged;
    }

    /** Layers explicit overrides (tests, embedding) on the built-in defaults, with the same checks. */
    public Config load(Config overrides) {
        Config reference = reference();
        Config merged = overrides.withFallback(reference).resolve();
        rejectUnknownKeys(merged, reference);
        return merged;
    }

    /**
     * The built-in defaults alone. Not {@code ConfigFactory.defaultReference()}: that one already has the
     * JVM's system properties merged in, so a misspelt {@code -Dmedsync...} would count as a known key.
     */
    private static Config reference() {
        return ConfigFactory.parseResources(ConfigLoader.class.getClassLoader(), "reference.conf").resolve();
    }

    private static Config parseFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidSettingException("config file", "cannot read " + file.toAbsolutePath());
        }
        try {
            return ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false));
        } catch (ConfigException e) {
            throw new InvalidSettingException("config file", e.getMessage());
        }
    }

    private static Properties onlyOurs(Properties systemProperties) {
        // The JVM's own properties (java.*, user.*) are not ours to validate.
        Properties ours = new Properties();
        systemProperties.stringPropertyNames().stream()
                .filter(name -> name.startsWith(ROOT + "."))
                .forEach(name -> ours.setProperty(name, systemProperties.getProperty(name)));
        return ours;
    }

    private void rejectUnknownKeys(Config merged, Config reference) {
        if (!merged.hasPath(ROOT)) {
            return;
        }
        for (Map.Entry<String, ConfigValue> entry : merged.getConfig(ROOT).entrySet()) {
            String path = ROOT + "." + entry.getKey();
            if (isOpen(path)) {
                continue;
            }
            if (!reference.hasPathOrNull(path) && !isUnderNullDefault(path, reference)) {
                throw new InvalidSettingException(path, "unknown setting (from "
                        + entry.getValue().origin().description() + ")");
            }
        }
    }

    private boolean isOpen(String path) {
        return openSubtrees.stream().anyMatch(open -> path.equals(open) || path.startsWith(open + "."));
    }

    /** A default of {@code null} may be replaced by an object, whose leaves reference.conf cannot list. */
    private static boolean isUnderNullDefault(String path, Config reference) {
        String parent = path;
        while (parent.contains(".")) {
            parent = parent.substring(0, parent.lastIndexOf('.'));
            if (reference.hasPathOrNull(parent) && reference.getIsNull(parent)) {
                return true;
            }
        }
        return false;
    }
}
