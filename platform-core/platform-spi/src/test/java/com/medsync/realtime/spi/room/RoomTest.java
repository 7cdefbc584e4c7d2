package com.medsync.realtime.spi.room;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RoomTest {

    @Test
    void anIdIsOneTo128LettersDigitsUnderscoresOrDashes() {
        assertThat(Room.isValidId("pharmacy_123-AZ09")).isTrue();
        assertThat(Room.isValidId("a".repeat(128))).isTrue();

        assertThat(Room.isValidId("a".repeat(129))).isFalse();
        assertThat(Room.isValidId("")).isFalse();
        assertThat(Room.isValidId(null)).isFalse();
        for (String bad : new String[] {"a b", "a:b", "é", "ph.1", "a/b", "ａ", "a\n"}) {
            assertThat(Room.isValidId(bad)).as(bad).isFalse();
        }
    }

    @Test
    void aNameParsesOnlyWithAKnownKindAndAValidId() {
        assertThat(Room.parse("pharmacy:ph_1")).contains(Room.pharmacy("ph_1"));
        assertThat(Room.parse("chat:room 1")).isEmpty();
        assertThat(Room.parse("lobby:x")).isEmpty();
        assertThat(Room.parse(":x")).isEmpty();
        assertThatThrownBy(() -> Room.user("a b")).hasMessageContaining("[A-Za-z0-9_-]{1,128}");
    }
}
