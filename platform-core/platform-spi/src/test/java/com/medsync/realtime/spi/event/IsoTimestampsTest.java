package com.medsync.realtime.spi.event;

import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class IsoTimestampsTest {

    private static final List<String> ACCEPTED_BY_THE_FORMATTER = List.of(
            "2024-12-20T10:30:00Z", "2024-12-20T10:30:00.5Z", "2024-12-20T10:30:00.123456789Z",
            "2024-12-20T10:30:00+01:00", "2024-12-20T10:30:00-05:30", "2024-12-20T10:30:00.120-00:00",
            "2024-02-29T23:59:59+18:00", "0001-01-01T00:00:00Z", "2024-12-20T10:30Z", "2024-12-20t10:30:00z",
            "2024-12-20T10:30:00+01:00:30", "+12024-12-20T10:30:00Z", "2024-12-20T10:30:00.Z");

    private static final List<String> INVALID = List.of(
            "2024-12-20", "2024-12-20T10:30:00", "2023-02-29T10:30:00Z", "2024-04-31T10:30:00Z",
            "2024-12-20T24:00:00Z", "2024-12-20T10:60:00Z", "2024-12-20T10:30:60Z", "2024-13-20T10:30:00Z",
            "2024-12-20T10:30:00+19:00", "2024-12-20T10:30:00+01:60", "2024-12-20T10:30:00.1234567890Z",
            "2024-12-20T10:30:00+0100", "2024-12-20T10:30:00 Z", "2024-12-20T10:30:00Zx", "2024-1a-20T10:30:00Z",
            "２０２４-12-20T10:30:00Z", "2024-12-20T10:30:00.-1Z", "2024-12-20T10:30:00++01:00", "");

    private static Optional<OffsetDateTime> byTheFormatter(String text) {
        try {
            return Optional.of(OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<OffsetDateTime> byIsoTimestamps(String text) {
        try {
            return Optional.of(IsoTimestamps.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    @Test
    void acceptsAndReadsExactlyWhatTheFormatterDoes() {
        for (String text : ACCEPTED_BY_THE_FORMATTER) {
            assertThat(byTheFormatter(text)).as(text).isPresent();
            assertThat(byIsoTimestamps(text)).as(text).isEqualTo(byTheFormatter(text));
        }
        for (String text : INVALID) {
            assertThat(byTheFormatter(text)).as(text).isEmpty();
            assertThat(byIsoTimestamps(text)).as(text).isEmpty();
        }
    }

    @Test
    void theCommonShapeIsReadWithoutTheFormatter() {
        assertThat(IsoTimestamps.commonShape("2024-12-20T10:30:00.25+01:00"))
                .isEqualTo(OffsetDateTime.parse("2024-12-20T10:30:00.25+01:00"));
        assertThat(IsoTimestamps.commonShape("2024-12-20T10:30:00Z")).isNotNull();
        // Shapes it leaves to the formatter, valid or not.
        assertThat(IsoTimestamps.commonShape("2024-12-20T10:30Z")).isNull();
        assertThat(IsoTimestamps.commonShape("2024-12-20t10:30:00z")).isNull();
        assertThat(IsoTimestamps.commonShape("2023-02-29T10:30:00Z")).isNull();
    }
}
