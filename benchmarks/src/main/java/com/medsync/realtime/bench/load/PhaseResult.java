package com.medsync.realtime.bench.load;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One measured phase of a load shape (a fixed count of publishes, at a fixed rate or from closed-loop callers),
 * in the same terms whichever generator ran it: the Java one ({@code scenario.JavaPhase}) or the Node.js one
 * (its {@code "type":"phase"} line). Figures a generator could not measure are NaN.
 *
 * @param events publishes sent (accepted + refused)
 * @param expected deliveries the accepted publishes should cause (recipients connected at publish time)
 * @param durationMs from the first publish to the last delivery (or to the end of the drain when some were lost)
 * @param deliveredPerS deliveries divided by the time from the first publish to the last delivery
 * @param serverCpuMs CPU time of the server's process over that window, all threads, user + system (/proc)
 * @param generatorCpuMs CPU time the load generator's own process used over the same window
 */
public record PhaseResult(String name, long events, long accepted, long refused, String firstRefusal, long expected,
        long delivered, long lost, long duplicates, double durationMs, double deliveredPerS, double publishesPerS,
        double p50Ms, double p90Ms, double p99Ms, double p999Ms, double maxMs, double serverCpuMs,
        double cpuPerDeliveryUs, double generatorCpuMs, long closedByServer) {

    /** @return the generator's CPU per delivery, in microseconds: how much of the shared cores the load itself took */
    public double generatorCpuPerDeliveryUs() {
        return delivered > 0 ? generatorCpuMs * 1000 / delivered : Double.NaN;
    }

    /** Reads a {@code "type":"phase"} line of the Node.js generator. */
    static PhaseResult fromNode(JsonNode line) {
        JsonNode latency = line.path("latencyMs");
        return new PhaseResult(line.path("name").asText(), line.path("events").asLong(), line.path("accepted").asLong(),
                line.path("refused").asLong(), line.path("firstRefusal").isNull() ? null : line.path("firstRefusal").asText(null),
                line.path("expected").asLong(), line.path("delivered").asLong(), line.path("lost").asLong(),
                line.path("duplicates").asLong(), number(line, "durationMs"), number(line, "deliveredPerS"),
                number(line, "publishesPerS"), number(latency, "p50"), number(latency, "p90"), number(latency, "p99"),
                number(latency, "p999"), number(latency, "max"), number(line, "serverCpuMs"), number(line, "cpuPerDeliveryUs"),
                number(line, "generatorCpuMs"), line.path("closedByServer").asLong());
    }

    private static double number(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isNumber() ? value.asDouble() : Double.NaN;
    }
}
