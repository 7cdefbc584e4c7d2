package com.medsync.realtime.plugins.legacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.medsync.realtime.spi.event.EventTranslator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a canonical event becomes on the legacy namespace: the event itself first, then each of its aliases
 * whose condition holds, in table order, all with the very same payload. An event without aliases (such as
 * {@code chat:typing}) is sent once, unchanged.
 */
final class AliasTranslator implements EventTranslator {

    private final Map<String, List<AliasRule>> rulesByEvent;

    AliasTranslator(List<AliasRule> rules) {
        Map<String, List<AliasRule>> byEvent = new LinkedHashMap<>();
        for (AliasRule rule : rules) {
            byEvent.computeIfAbsent(rule.event(), event -> new ArrayList<>()).add(rule);
        }
        byEvent.replaceAll((event, list) -> List.copyOf(list));
        this.rulesByEvent = Map.copyOf(byEvent);
    }

    @Override
    public List<Emission> translate(String event, JsonNode data) {
        List<AliasRule> rules = rulesByEvent.getOrDefault(event, List.of());
        if (rules.isEmpty()) {
            return List.of(new Emission(event, data));
        }
        List<Emission> emissions = new ArrayList<>(rules.size() + 1);
        emissions.add(new Emission(event, data));
        for (AliasRule rule : rules) {
            if (rule.appliesTo(data)) {
                emissions.add(new Emission(rule.alias(), data));
            }
        }
        return List.copyOf(emissions);
    }
}
