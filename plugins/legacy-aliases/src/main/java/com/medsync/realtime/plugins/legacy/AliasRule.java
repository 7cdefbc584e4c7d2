package com.medsync.realtime.plugins.legacy;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Objects;
import java.util.Optional;

/**
 * One line of the alias table: on the legacy namespace, {@code event} is followed by {@code alias} with the
 * same payload, when the condition (if any) holds for that payload.
 *
 * @param event the canonical event, such as {@code dispatch:updated}
 * @param alias the legacy name sent after it, such as {@code delivery:completed}
 * @param when  the condition on the payload; empty for always
 */
record AliasRule(String event, String alias, Optional<AliasCondition> when) {

    AliasRule {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(when, "when");
    }

    static AliasRule always(String event, String alias) {
        return new AliasRule(event, alias, Optional.empty());
    }

    /** @return whether the alias is sent for this payload */
    boolean appliesTo(JsonNode data) {
        return when.map(condition -> condition.matches(data)).orElse(true);
    }
}
