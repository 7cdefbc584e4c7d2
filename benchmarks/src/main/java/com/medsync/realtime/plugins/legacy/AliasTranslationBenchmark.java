package com.medsync.realtime.plugins.legacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.medsync.realtime.spi.event.EventTranslator.Emission;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The legacy-aliases plugin translating a canonical event for the legacy namespace with its default table
 * (in the plugin's package: its translator is package-private, and on the class path the benchmark can
 * reach it).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class AliasTranslationBenchmark {

    private AliasTranslator translator;
    private JsonNode order;
    private JsonNode delivered;

    @Setup
    public void setUp() throws IOException {
        translator = new AliasTranslator(AliasConfig.DEFAULTS);
        ObjectMapper json = new ObjectMapper();
        order = json.readTree("{\"id\":\"o_1\",\"drugName\":\"Paracetamol\",\"quantity\":2,\"status\":\"PENDING\"}");
        delivered = json.readTree("{\"dispatch\":{\"id\":\"d_1\",\"orderId\":\"o_1\",\"status\":\"DELIVERED\"}}");
    }

    @Benchmark
    public List<Emission> orderNew() {
        return translator.translate("order:new", order);
    }

    @Benchmark
    public List<Emission> dispatchDelivered() {
        return translator.translate("dispatch:updated", delivered);
    }
}
