package com.medsync.realtime.bench.server;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server-side delivery delay MedSync records and exposes on {@code GET /metrics} (HTTP port, no auth):
 * the Prometheus histogram {@code medsync_delivery_write_seconds}, for each event the time from the broker
 * accepting it until a connection thread finished writing it to the sockets it serves. Unlike the
 * publish-to-receive latency, it does not include the load generator's own queueing on the shared cores.
 * A scrape before and after a step, subtracted, gives the step's distribution; servers (or builds) without
 * the metric give none.
 */
public final class AcceptToWrite {

    static final String METRIC = "medsync_delivery_write_seconds";
    private static final Pattern BUCKET = Pattern.compile("^" + METRIC + "_bucket\\{([^}]*)}\\s+(\\S+)");
    private static final Pattern COUNT = Pattern.compile("^" + METRIC + "_count(?:\\{[^}]*})?\\s+(\\S+)");
    private static final Pattern SUM = Pattern.compile("^" + METRIC + "_sum(?:\\{[^}]*})?\\s+(\\S+)");
    private static final Pattern LE = Pattern.compile("le=\"([^\"]+)\"");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /**
     * Cumulative bucket counts by upper bound in seconds (+Inf included), summed over any other labels.
     *
     * @param count the events recorded; @param sumSeconds their total delay
     */
    public record Snapshot(TreeMap<Double, Double> buckets, double count, double sumSeconds) {

        /** @return what was recorded between {@code earlier} and this scrape */
        public Snapshot minus(Snapshot earlier) {
            TreeMap<Double, Double> difference = new TreeMap<>();
            buckets.forEach((le, cumulative) -> difference.put(le, cumulative - earlier.buckets.getOrDefault(le, 0.0)));
            return new Snapshot(difference, count - earlier.count, sumSeconds - earlier.sumSeconds);
        }

        /**
         * @return the quantile in milliseconds, interpolated linearly within its bucket as Prometheus's
         *     {@code histogram_quantile} does; the highest finite bound when it falls in the +Inf bucket; NaN if empty
         */
        public double quantileMs(double q) {
            double total = buckets.isEmpty() ? 0 : buckets.lastEntry().getValue();
            if (total <= 0) {
                return Double.NaN;
            }
            double rank = q * total;
            double lowerBound = 0;
            double below = 0;
            for (Map.Entry<Double, Double> bucket : buckets.entrySet()) {
                double le = bucket.getKey();
                double cumulative = bucket.getValue();
                if (cumulative >= rank) {
                    if (Double.isInfinite(le)) {
                        return lowerBound * 1000;
                    }
                    double inBucket = cumulative - below;
                    double fraction = inBucket <= 0 ? 1 : (rank - below) / inBucket;
                    return (lowerBound + (le - lowerBound) * fraction) * 1000;
                }
                lowerBound = le;
                below = cumulative;
            }
            return lowerBound * 1000;
        }
    }

    private AcceptToWrite() {
    }

    /** @return the histogram now, or empty when the server has no /metrics or no such metric */
    public static Optional<Snapshot> scrape(int httpPort) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/metrics"))
                .timeout(Duration.ofSeconds(10)).build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? parse(response.body()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    static Optional<Snapshot> parse(String text) {
        TreeMap<Double, Double> buckets = new TreeMap<>();
        double count = 0;
        double sum = 0;
        for (String line : text.split("\n")) {
            if (!line.startsWith(METRIC)) {
                continue;
            }
            Matcher bucket = BUCKET.matcher(line);
            Matcher countLine = COUNT.matcher(line);
            Matcher sumLine = SUM.matcher(line);
            if (bucket.find()) {
                Matcher le = LE.matcher(bucket.group(1));
                if (le.find()) {
                    buckets.merge(bound(le.group(1)), Double.parseDouble(bucket.group(2)), Double::sum);
                }
            } else if (countLine.find()) {
                count += Double.parseDouble(countLine.group(1));
            } else if (sumLine.find()) {
                sum += Double.parseDouble(sumLine.group(1));
            }
        }
        return buckets.isEmpty() ? Optional.empty() : Optional.of(new Snapshot(buckets, count, sum));
    }

    private static double bound(String le) {
        return le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
    }
}
