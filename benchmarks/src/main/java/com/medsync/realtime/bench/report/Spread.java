package com.medsync.realtime.bench.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A figure measured once per repeat: the median, what the report quotes, and the spread (min, max and every
 * repeat's value in run order), which says how far one run's figure can be trusted. Runs that measured
 * nothing (NaN) are left out of median and spread but kept, as null, in the values.
 */
public record Spread(double median, double min, double max, List<Double> values) {

    public static Spread of(List<Double> values) {
        List<Double> measured = values.stream().filter(value -> value != null && !Double.isNaN(value)).sorted().toList();
        if (measured.isEmpty()) {
            return new Spread(Double.NaN, Double.NaN, Double.NaN, values);
        }
        int n = measured.size();
        double median = n % 2 == 1 ? measured.get(n / 2) : (measured.get(n / 2 - 1) + measured.get(n / 2)) / 2;
        return new Spread(median, measured.get(0), measured.get(n - 1), values);
    }

    public boolean measured() {
        return !Double.isNaN(median);
    }

    /** @return e.g. {@code 10.55 (10.21–11.02: 10.55, 11.02, 10.21)} with {@code pattern} for each number */
    public String format(String pattern) {
        return format(pattern, "");
    }

    /**
     * @param unit written after the median: {@code 2.62x (1.28–3.42: 3.42, 2.62, 1.28)}
     * @return the median, then the spread; {@code 0 (all 3 runs)} when every run measured the same
     */
    public String format(String pattern, String unit) {
        if (!measured()) {
            return "n/a";
        }
        String median = String.format(pattern, this.median) + unit;
        if (values.size() < 2) {
            return median;
        }
        if (min == max && values.stream().noneMatch(value -> value == null || Double.isNaN(value))) {
            return median + " (all " + values.size() + " runs)";
        }
        String each = values.stream().map(value -> value == null || Double.isNaN(value) ? "n/a" : String.format(pattern, value))
                .collect(Collectors.joining(", "));
        return median + " (" + String.format(pattern, min) + "–" + String.format(pattern, max) + ": " + each + ")";
    }

    /** @return {"median", "min", "max", "runs": [...]}, rounded to two decimals */
    public ObjectNode json() {
        ObjectNode node = Report.JSON.createObjectNode();
        put(node, "median", median);
        put(node, "min", min);
        put(node, "max", max);
        ArrayNode runs = node.putArray("runs");
        values.forEach(value -> {
            if (value == null || Double.isNaN(value)) {
                runs.addNull();
            } else {
                runs.add(Report.round(value));
            }
        });
        return node;
    }

    static void put(ObjectNode node, String field, double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            node.putNull(field);
        } else {
            node.put(field, Report.round(value));
        }
    }

    /** @return the per-repeat ratios a[i] / b[i] (same-run ratios: the only ones that compare) */
    static Spread ratios(Spread a, Spread b) {
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < Math.max(a.values.size(), b.values.size()); i++) {
            Double x = i < a.values.size() ? a.values.get(i) : null;
            Double y = i < b.values.size() ? b.values.get(i) : null;
            ratios.add(x == null || y == null || Double.isNaN(x) || Double.isNaN(y) || y <= 0 ? Double.NaN : x / y);
        }
        return of(ratios);
    }
}
