package com.medsync.realtime.plugins.legacy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AliasConfigTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void withoutTheSettingTheDefaultTableApplies() throws Exception {
        assertThat(AliasConfig.read(JSON.readTree("{}"))).isEqualTo(AliasConfig.DEFAULTS);
        assertThat(AliasConfig.read(JSON.readTree("{\"aliases\": null}"))).isEqualTo(AliasConfig.DEFAULTS);
    }

    @Test
    void anEmptyTableServesTheNamespaceWithoutAliases() throws Exception {
        assertThat(AliasConfig.read(JSON.readTree("{\"aliases\": []}"))).isEmpty();
    }

    @Test
    void aTableIsReadInOrderWithItsConditions() throws Exception {
        var rules = AliasConfig.read(JSON.readTree("""
                {"aliases": [
                  {"event": "order:new", "alias": "order:created"},
                  {"event": "dispatch:updated", "alias": "delivery:completed",
                   "when": {"path": "dispatch.status", "equals": "DELIVERED"}}
                ]}"""));
        assertThat(rules).hasSize(2);
        assertThat(rules.get(0)).isEqualTo(AliasRule.always("order:new", "order:created"));
        assertThat(rules.get(1).when()).hasValueSatisfying(condition -> {
            assertThat(condition.dottedPath()).isEqualTo("dispatch.status");
            assertThat(condition.equals().textValue()).isEqualTo("DELIVERED");
        });
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "{\"aliases\": {\"event\": \"a\"}}                                  | must be a list",
            "{\"aliases\": [\"order:new\"]}                                     | aliases[0] \"order:new\": must be an object",
            "{\"aliases\": [{\"alias\": \"x\"}]}                                | aliases[0] {\"alias\":\"x\"}: 'event' must be a non-empty string",
            "{\"aliases\": [{\"event\": \"a\"}]}                                | 'alias' must be a non-empty string",
            "{\"aliases\": [{\"event\": \"a\", \"alias\": \"\"}]}               | 'alias' must be a non-empty string",
            "{\"aliases\": [{\"event\": \"a\", \"alias\": 3}]}                  | 'alias' must be a non-empty string",
            "{\"aliases\": [{\"event\": \"a\", \"alias\": \" b\"}]}             | must not start or end with spaces",
            "{\"aliases\": [{\"event\": \"a\", \"alias\": \"a\"}]}              | alias must differ from event",
            "{\"aliases\": [{\"event\": \"a\", \"alias\": \"b\", \"wen\": {}}]}   | unknown member 'wen'",
            "{\"aliases\": [{\"event\": \"a\", \"alias\": \"b\"}, {\"event\": \"a\", \"alias\": \"b\"}]} | aliases[1] {\"event\":\"a\",\"alias\":\"b\"}: alias 'b' is already listed for 'a'",
            "{\"aliases\": [{\"event\": \"a\", \"alias\": \"b\", \"when\": \"x\"}]}                     | 'when' must be an object",
            "{\"aliases\": [{\"event\": \"a\", \"alias\": \"b\", \"when\": {\"equals\": \"X\"}}]}        | 'when.path' must be a dotted path",
            "{\"aliases\": [{\"event\": \"a\", \"alias\": \"b\", \"when\": {\"path\": \"a..b\", \"equals\": \"X\"}}]} | 'when.path' must be a dotted path",
            "{\"aliases\": [{\"event\": \"a\", \"alias\": \"b\", \"when\": {\"path\": \"s\"}}]}          | 'when.equals' must be a string, number or boolean",
            "{\"aliases\": [{\"event\": \"a\", \"alias\": \"b\", \"when\": {\"path\": \"s\", \"equals\": [1]}}]} | 'when.equals' must be a string, number or boolean",
            "{\"aliases\": [{\"event\": \"a\", \"alias\": \"b\", \"when\": {\"path\": \"s\", \"equals\": 1, \"or\": 2}}]} | unknown member 'when.or'",
            "{\"alias\": []}                                                    | Unknown setting medsync.plugin-config.legacy-aliases.alias"})
    void aBadTableIsRefusedNamingTheEntry(String config, String expected) {
        assertThatThrownBy(() -> AliasConfig.read(JSON.readTree(config)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("medsync.plugin-config.legacy-aliases")
                .hasMessageContaining(expected.strip());
    }
}
