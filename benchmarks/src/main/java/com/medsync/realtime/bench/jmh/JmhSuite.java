package com.medsync.realtime.bench.jmh;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Runs the hot-path microbenchmarks (one fork, short iterations: enough to rank costs in a ten-minute run,
 * not a publication-grade figure).
 */
public final class JmhSuite {

    /**
     * One benchmark's time per operation: the median of its measurement iterations, with the fastest and
     * slowest iteration (on a machine shared with other work one iteration can be descheduled, which would
     * drag a mean far off).
     */
    public record Result(String benchmark, double median, double min, double max, String unit) {
    }

    private JmhSuite() {
    }

    public static List<Result> run() {
        Options options = new OptionsBuilder()
                .include(".*(bench\\.jmh|plugins\\.legacy)\\..*Benchmark.*")
                .forks(1)
                .warmupIterations(3)
                .warmupTime(TimeValue.milliseconds(500))
                .measurementIterations(5)
                .measurementTime(TimeValue.milliseconds(500))
                // Not the harness's heap options: a fork of its own, sized for microbenchmarks.
                .jvmArgs("-Xms256m", "-Xmx512m")
                .build();
        try {
            Collection<RunResult> results = new Runner(options).run();
            List<Result> out = new ArrayList<>();
            for (RunResult result : results) {
                String name = result.getParams().getBenchmark();
                String params = result.getParams().getParamsKeys().stream()
                        .map(key -> key + "=" + result.getParams().getParam(key))
                        .reduce((a, b) -> a + "," + b).map(text -> " (" + text + ")").orElse("");
                double[] iterations = result.getBenchmarkResults().stream()
                        .flatMap(benchmark -> benchmark.getIterationResults().stream())
                        .mapToDouble(iteration -> iteration.getPrimaryResult().getScore())
                        .sorted().toArray();
                out.add(new Result(name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1) + params,
                        iterations[iterations.length / 2], iterations[0], iterations[iterations.length - 1],
                        result.getPrimaryResult().getScoreUnit()));
            }
            return out;
        } catch (RunnerException e) {
            throw new IllegalStateException("JMH failed", e);
        }
    }

    public static void main(String[] args) {
        run().forEach(result -> System.out.printf("%-60s %12.1f (%.1f .. %.1f) %s%n", result.benchmark(), result.median(),
                result.min(), result.max(), result.unit()));
    }
}
