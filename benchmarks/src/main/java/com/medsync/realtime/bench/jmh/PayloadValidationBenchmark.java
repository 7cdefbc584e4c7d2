package com.medsync.realtime.bench.jmh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.medsync.realtime.spi.event.ContractViolation;
import com.medsync.realtime.spi.event.PayloadFields;
import com.medsync.realtime.spi.room.Room;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * What validating one {@code order:new} costs in the two checks a profile of the publish path put on top (issue
 * #12): its ISO-8601 timestamp and its ids. Each has its baseline, the way it was done before, in the same run:
 * {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME} and the regular expression of a room id.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PayloadValidationBenchmark {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");

    private JsonNode order;
    private String timestamp;
    private String id;

    @Setup
    public void setUp() throws IOException {
        order = new ObjectMapper().readTree("{\"id\":\"o_1733480000_123456\",\"createdAt\":\"2026-12-06T19:30:00.123Z\"}");
        timestamp = order.path("createdAt").textValue();
        id = order.path("id").textValue();
    }

    @Benchmark
    public OffsetDateTime timestamp() throws ContractViolation {
        return PayloadFields.timestamp(order, "", "createdAt");
    }

    @Benchmark
    public OffsetDateTime timestampBaselineFormatter() {
        return OffsetDateTime.parse(timestamp, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    @Benchmark
    public boolean roomId() {
        return Room.isValidId(id);
    }

    @Benchmark
    public boolean roomIdBaselineRegex() {
        return ID.matcher(id).matches();
    }
}
