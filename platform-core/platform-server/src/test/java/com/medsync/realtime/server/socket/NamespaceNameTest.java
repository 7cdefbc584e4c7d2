package com.medsync.realtime.server.socket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.medsync.realtime.spi.event.EventTranslator;

import org.junit.jupiter.api.Test;

class NamespaceNameTest {

    @Test
    void aNamespaceStartsWithASlashAndHasNoSpaceCommaOrControlCharacter() {
        assertThat(NamespaceName.problem("/")).isEmpty();
        assertThat(NamespaceName.problem("/patient-pharmacy")).isEmpty();
        assertThat(NamespaceName.problem("pharmacy")).contains("does not start with '/'");
        assertThat(NamespaceName.problem(null)).contains("does not start with '/'");
        for (String name : new String[] {"/two words", "/a,b", "/tab\there", "/nul\u0000"}) {
            assertThat(NamespaceName.problem(name)).as(name).contains("contains a space, a comma or a control character");
        }
    }

    @Test
    void aPluginCannotServeANamespaceItCouldNotDeclare() {
        NamespaceRegistry registry = new NamespaceRegistry();

        assertThatThrownBy(() -> registry.serve("/two words", EventTranslator.CANONICAL))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("namespace '/two words' contains a space, a comma or a control character");
        assertThat(registry.serve("/two-words", EventTranslator.CANONICAL).name()).isEqualTo("/two-words");
    }
}
