package com.medsync.realtime.server.plugin.admin;

import com.medsync.realtime.server.config.InvalidSettingException;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigObject;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** The phases of {@code medsync.phases}, checked at start-up. */
public final class PhaseCatalog {

    private static final String ROOT = "medsync.phases";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final Map<String, Phase> phases;

    private PhaseCatalog(Map<String, Phase> phases) {
        this.phases = phases;
    }

    public static PhaseCatalog from(Config config) {
        Map<String, Phase> phases = new LinkedHashMap<>();
        if (!config.hasPath(ROOT)) {
            return new PhaseCatalog(phases);
        }
        ConfigObject root = config.getObject(ROOT);
        List<String> names = new ArrayList<>(root.keySet());
        names.sort(null);
        for (String name : names) {
            String path = ROOT + ".\"" + name + "\"";
            if (!NAME.matcher(name).matches()) {
                throw new InvalidSettingException(ROOT + "." + name, "phase names match [A-Za-z0-9_-]{1,64}");
            }
            try {
                Config phase = config.getConfig(path);
                for (String key : phase.root().keySet()) {
                    if (!key.equals("plugins") && !key.equals("description")) {
                        throw new InvalidSettingException(ROOT + "." + name + "." + key,
                                "unknown setting (a phase has plugins and description)");
                    }
                }
                String description = phase.hasPath("description") ? phase.getString("description") : "";
                phases.put(name, new Phase(name, description, phase.getStringList("plugins")));
            } catch (ConfigException e) {
                throw new InvalidSettingException(ROOT + "." + name, "must be {plugins = [...], description = \"...\"}"
                        + " (" + e.getMessage() + ")");
            }
        }
        return new PhaseCatalog(phases);
    }

    public Optional<Phase> find(String name) {
        return Optional.ofNullable(phases.get(name));
    }

    public Collection<Phase> all() {
        return phases.values();
    }
}
