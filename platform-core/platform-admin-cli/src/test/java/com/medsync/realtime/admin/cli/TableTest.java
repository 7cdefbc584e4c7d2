package com.medsync.realtime.admin.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TableTest {

    @Test
    void alignsColumnsTwoSpacesApartWithoutTrailingBlanks() {
        String text = Table.of("A", "LONG HEADER", "N").alignRight(2)
                .row("wide value", "x", 5)
                .row("y", null, 12345)
                .render();

        assertThat(text).isEqualTo("""
                A           LONG HEADER      N
                wide value  x                5
                y           -            12345
                """);
    }

    @Test
    void serverTextCannotBreakRowsOrDriveTheTerminal() {
        String text = Table.of("ID", "FAILURE").row("chat", "line one\nline two \u001b[31mred").render();

        assertThat(text).isEqualTo("""
                ID    FAILURE
                chat  line one line two  [31mred
                """);
    }

    @Test
    void aBlankCellShowsNothingWhereNullShowsADash() {
        assertThat(Table.of("", "B").row(Table.BLANK, "").row("*", "b").render()).isEqualTo("""
                   B
                   -
                *  b
                """);
    }

    @Test
    void aLaterPageKeepsTheColumnsOfTheEarlierOneUnlessAValueIsWider() {
        Table first = Table.of("ID", "USER", "N").alignRight(2).row("a1", "patient_456", 7);
        Table second = Table.of("ID", "USER", "N").alignRight(2).row("b2", "p_1", 12345);
        Table third = Table.of("ID", "USER", "N").alignRight(2).row("c3", "pharmacist_long", 1);

        String text = first.render() + second.renderAfter(first) + third.renderAfter(second);

        assertThat(text).isEqualTo("""
                ID  USER         N
                a1  patient_456  7
                b2  p_1          12345
                c3  pharmacist_long      1
                """);
        assertThatThrownBy(() -> Table.of("ID").row("x").renderAfter(Table.of("ID")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesARowOfTheWrongWidth() {
        assertThatThrownBy(() -> Table.of("A", "B").row("only one")).isInstanceOf(IllegalArgumentException.class);
    }
}
