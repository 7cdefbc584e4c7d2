package com.medsync.realtime.bench.report;

import com.medsync.realtime.bench.load.PhaseResult;
import com.medsync.realtime.bench.scenario.Shape;
import com.medsync.realtime.bench.scenario.ShapeRun;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * The load shapes matrix as figures: for every measurement key ({@code java_100r_cold}, ...) and server, the
 * median and spread over the repeats of each figure, and the same-run ratio of MedSync's CPU per delivery to
 * node socket.io's, against issue #12's target.
 */
final class ShapeFigures {

    /** Issue #12: MedSync's server CPU per delivered event at most half of node socket.io's, in every shape. */
    static final double CPU_RATIO_TARGET = 0.5;

    /** One server in one measurement; {@code label} is the label of the process that ran it (MedSync's phase). */
    record Cell(String server, String label, Spread cpuPerDeliveryUs, Spread deliveredPerS, Spread p50Ms, Spread p99Ms, Spread lost,
            Spread generatorCpuUsPerDelivery, Spread serverCpuMs, Spread generatorCpuMs, List<ShapeRun> runs,
            List<String> errors) {
    }

    /**
     * One measurement key, every server.
     *
     * @param cpuRatio MedSync's CPU per delivery over node socket.io's, per repeat
     * @param deliveredRatioVsNode each server's delivered events/s over node socket.io's, per repeat
     */
    record Row(String key, Shape shape, String state, List<Cell> cells, Spread cpuRatio, Map<String, Spread> deliveredRatioVsNode) {

        boolean met() {
            return cpuRatio.measured() && cpuRatio.median() <= CPU_RATIO_TARGET;
        }

        Optional<Cell> cell(String server) {
            return cells.stream().filter(cell -> cell.server().equals(server)).findFirst();
        }
    }

    private ShapeFigures() {
    }

    static List<Row> of(RunResults results) {
        Map<String, List<ShapeRun>> byKey = new LinkedHashMap<>();
        results.shapes().forEach(run -> byKey.computeIfAbsent(run.key(), key -> new ArrayList<>()).add(run));
        List<Row> rows = new ArrayList<>();
        byKey.forEach((key, runs) -> {
            List<Cell> cells = new ArrayList<>();
            for (String server : results.serverKeys()) {
                List<ShapeRun> mine = runs.stream().filter(run -> run.server().equals(server)).toList();
                if (!mine.isEmpty()) {
                    cells.add(cell(server, mine, results.repeats()));
                }
            }
            Row partial = new Row(key, runs.get(0).shape(), runs.get(0).state(), cells, null, Map.of());
            Spread node = partial.cell("node_socketio").map(Cell::cpuPerDeliveryUs).orElse(Spread.of(List.of()));
            Spread medsync = partial.cell("medsync").map(Cell::cpuPerDeliveryUs).orElse(Spread.of(List.of()));
            Map<String, Spread> delivered = new LinkedHashMap<>();
            partial.cell("node_socketio").ifPresent(nodeCell -> cells.forEach(cell ->
                    delivered.put(cell.server(), Spread.ratios(cell.deliveredPerS(), nodeCell.deliveredPerS()))));
            rows.add(new Row(key, partial.shape(), partial.state(), cells, Spread.ratios(medsync, node), delivered));
        });
        return rows;
    }

    private static Cell cell(String server, List<ShapeRun> runs, int repeats) {
        List<String> errors = runs.stream().filter(run -> run.error() != null)
                .map(run -> "repeat " + run.repeat() + ": " + run.error()).toList();
        return new Cell(server, runs.get(0).serverLabel(),
                spread(runs, repeats, PhaseResult::cpuPerDeliveryUs),
                spread(runs, repeats, PhaseResult::deliveredPerS),
                spread(runs, repeats, PhaseResult::p50Ms),
                spread(runs, repeats, PhaseResult::p99Ms),
                spread(runs, repeats, phase -> phase.lost()),
                spread(runs, repeats, PhaseResult::generatorCpuPerDeliveryUs),
                spread(runs, repeats, PhaseResult::serverCpuMs),
                spread(runs, repeats, PhaseResult::generatorCpuMs),
                runs, errors);
    }

    /** @return the figure in each repeat, in order (NaN for a repeat that failed or did not run) */
    private static Spread spread(List<ShapeRun> runs, int repeats, ToDoubleFunction<PhaseResult> figure) {
        List<Double> values = new ArrayList<>();
        for (int repeat = 1; repeat <= repeats; repeat++) {
            int r = repeat;
            values.add(runs.stream().filter(run -> run.repeat() == r && run.result() != null).findFirst()
                    .map(run -> figure.applyAsDouble(run.result())).orElse(Double.NaN));
        }
        return Spread.of(values);
    }
}
