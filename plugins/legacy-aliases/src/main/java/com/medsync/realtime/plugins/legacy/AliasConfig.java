package com.medsync.realtime.plugins.legacy;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads and checks the alias table, {@code medsync.plugin-config.legacy-aliases.aliases}: a list of
 * {@code {event, alias, when?: {path, equals}}}. Without the setting, the table of the migration document
 * ({@link #DEFAULTS}) applies.
 *
 * <pre>{@code
 * medsync.plugin-config.legacy-aliases.aliases = [
 *   {event = "chat:message", alias = "new-message"}
 *   {event = "dispatch:updated", alias = "delivery:completed", when {path = "dispatch.status", equals = "DELIVERED"}}
 * ]
 * }</pre>
 *
 * <p>Anything wrong (an unknown setting or member, a missing or empty name, an alias equal to its event, the
 * same alias twice for one event, a bad condition) is refused with a message naming the entry, so a typo
 * fails the plugin's start loudly rather than silently dropping an alias the old clients need.
 */
final class AliasConfig {

    static final String SETTING = "medsync.plugin-config.legacy-aliases.aliases";

    /** The aliases of the migration document, section 3. */
    static final List<AliasRule> DEFAULTS = List.of(
            AliasRule.always("chat:message", "new-message"),
            AliasRule.always("order:new", "order:created"),
            AliasRule.always("order:updated", "order:status-updated"),
            AliasRule.always("dispatch:updated", "dispatch:update"),
            AliasRule.always("dispatch:updated", "delivery:status_changed"),
            new AliasRule("dispatch:updated", "delivery:completed",
                    Optional.of(AliasCondition.equalsText("dispatch.status", "DELIVERED"))));

    private static final Set<String> SETTINGS = Set.of("aliases");
    private static final Set<String> ENTRY_MEMBERS = Set.of("event", "alias", "when");
    private static final Set<String> CONDITION_MEMBERS = Set.of("path", "equals");

    private AliasConfig() {
    }

    /**
     * @param config the plugin's configuration, {@code medsync.plugin-config.legacy-aliases}
     * @return the alias rules, in table order
     * @throws IllegalArgumentException naming the setting and the bad entry
     */
    static List<AliasRule> read(JsonNode config) {
        if (!config.isObject()) {
            throw new IllegalArgumentException("Invalid setting medsync.plugin-config.legacy-aliases: must be an object");
        }
        for (Iterator<String> names = config.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!SETTINGS.contains(name)) {
                throw new IllegalArgumentException("Unknown setting medsync.plugin-config.legacy-aliases." + name
                        + " (known: aliases)");
            }
        }
        JsonNode table = config.get("aliases");
        if (table == null || table.isNull()) {
            return DEFAULTS;
        }
        if (!table.isArray()) {
            throw new IllegalArgumentException("Invalid setting " + SETTING
                    + ": must be a list of {event, alias, when?} objects");
        }
        List<AliasRule> rules = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < table.size(); i++) {
            AliasRule rule = entry(table.get(i), i);
            if (!seen.add(rule.event() + "\n" + rule.alias())) {
                throw invalid(i, table.get(i), "alias '" + rule.alias() + "' is already listed for '" + rule.event()
                        + "' (clients would get it twice)");
            }
            rules.add(rule);
        }
        return List.copyOf(rules);
    }

    private static AliasRule entry(JsonNode entry, int index) {
        if (!entry.isObject()) {
            throw invalid(index, entry, "must be an object {event, alias, when?}");
        }
        unknownMembers(entry, ENTRY_MEMBERS, index, entry, "");
        String event = name(entry, "event", index);
        String alias = name(entry, "alias", index);
        if (event.equals(alias)) {
            throw invalid(index, entry, "alias must differ from event (clients would get '" + event + "' twice)");
        }
        JsonNode when = entry.get("when");
        if (when == null || when.isNull()) {
            return new AliasRule(event, alias, Optional.empty());
        }
        return new AliasRule(event, alias, Optional.of(condition(when, index, entry)));
    }

    private static AliasCondition condition(JsonNode when, int index, JsonNode entry) {
        if (!when.isObject()) {
            throw invalid(index, entry, "'when' must be an object {path, equals}");
        }
        unknownMembers(when, CONDITION_MEMBERS, index, entry, "when.");
        JsonNode path = when.get("path");
        if (path == null || !path.isTextual() || !path.textValue().matches("[^.\\s]+(\\.[^.\\s]+)*")) {
            throw invalid(index, entry, "'when.path' must be a dotted path of member names such as dispatch.status");
        }
        JsonNode equals = when.get("equals");
        if (equals == null || !equals.isValueNode() || equals.isNull()) {
            throw invalid(index, entry, "'when.equals' must be a string, number or boolean");
        }
        return new AliasCondition(List.of(path.textValue().split("\\.")), equals);
    }

    private static String name(JsonNode entry, String member, int index) {
        JsonNode value = entry.get(member);
        if (value == null || !value.isTextual() || value.textValue().isBlank()) {
            throw invalid(index, entry, "'" + member + "' must be a non-empty string");
        }
        if (!value.textValue().equals(value.textValue().strip())) {
            throw invalid(index, entry, "'" + member + "' must not start or end with spaces");
        }
        return value.textValue();
    }

    private static void unknownMembers(JsonNode object, Set<String> known, int index, JsonNode entry,
            String prefix) {
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw invalid(index, entry, "unknown member '" + prefix + name + "' (known: "
                        + String.join(", ", known.stream().sorted().toList()) + ")");
            }
        }
    }

    private static IllegalArgumentException invalid(int index, JsonNode entry, String why) {
        String shown = entry.toString();
        if (shown.length() > 200) {
            shown = shown.substring(0, 200) + "...";
        }
        return new IllegalArgumentException("Invalid setting " + SETTING + "[" + index + "] " + shown + ": " + why);
    }
}
