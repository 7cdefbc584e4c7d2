package com.medsync.realtime.bench.report;

import com.medsync.realtime.bench.scenario.Shape;

import java.util.List;
import java.util.function.Function;

/**
 * The shapes matrix in latest.md: an overview of CPU per delivery (medians, ratio, target) and one table per
 * measurement with the three servers side by side, each figure as median (min–max: every repeat's value).
 */
final class ShapeMarkdown {

    private final StringBuilder out;
    private final RunResults results;

    private ShapeMarkdown(StringBuilder out, RunResults results) {
        this.out = out;
        this.results = results;
    }

    static void render(StringBuilder out, RunResults results, List<ShapeFigures.Row> rows) {
        if (rows.isEmpty()) {
            return;
        }
        ShapeMarkdown md = new ShapeMarkdown(out, results);
        md.overview(rows);
        rows.forEach(md::table);
    }

    private List<String> servers(List<ShapeFigures.Row> rows) {
        return results.serverKeys().stream()
                .filter(server -> rows.stream().anyMatch(row -> row.cell(server).isPresent())).toList();
    }

    private void overview(List<ShapeFigures.Row> rows) {
        List<String> servers = servers(rows);
        line("## Load shapes: server CPU per delivered event (issue #12)");
        line("");
        line(String.format("Each server in a freshly started process per shape, one after the other (each repeat starts with"
                + " the next server, so none always follows the same one): %,d sockets connected, then **cold** = its first"
                + " %,d publishes, a warm-up, and **warm** = the next publishes after it, on the same process. Open-loop shapes"
                + " offer %,.0f deliveries/s to every server (a rate every server sustains), so the servers do the same work in"
                + " the same time. Server CPU: the whole process, all threads, user + system, from `/proc`, from the first publish"
                + " to the last delivery. Target of issue #12: MedSync <= %.1fx node socket.io, in every shape. Medians of the"
                + " repeats; the ratio is the median of same-repeat ratios.", rows.get(0).shape().sockets(), rows.stream().map(ShapeFigures.Row::shape)
                .mapToInt(Shape::coldEvents).max().orElse(0), results.shapeDeliveriesPerS(), ShapeFigures.CPU_RATIO_TARGET));
        line("");
        line("| shape | " + String.join(" | ", servers.stream().map(s -> results.label(s) + " µs").toList())
                + " | MedSync / node socket.io | target <= 0.5x |");
        line("|---" + "|---".repeat(servers.size()) + "|---|---|");
        for (ShapeFigures.Row row : rows) {
            line("| " + row.key() + " | " + String.join(" | ", servers.stream().map(server -> row.cell(server)
                    .map(cell -> cell.cpuPerDeliveryUs().measured() ? String.format("%.2f", cell.cpuPerDeliveryUs().median()) : "n/a")
                    .orElse("-")).toList()) + " | " + (row.cpuRatio().measured() ? String.format("%.2fx", row.cpuRatio().median()) : "n/a")
                    + " | " + (row.met() ? "met" : "**not met**") + " |");
        }
        line("");
        line("![CPU per delivery per shape](" + Charts.CPU_PER_DELIVERY + ")");
        line("");
    }

    private void table(ShapeFigures.Row row) {
        List<ShapeFigures.Cell> cells = row.cells();
        Shape shape = row.shape();
        line("### " + row.key());
        line("");
        String what = row.state().equals("cold")
                ? String.format("cold: the first %,d publishes of a fresh server process", shape.coldEvents())
                : String.format("warm: %,d publishes after a warm-up of %,d%s", shape.warmEvents(), shape.warmUpEvents(),
                        shape.closedLoop() ? "" : String.format(" at %,.0f publishes/s", shape.warmUpPublishesPerS()));
        line(shape.describe() + "; " + what + ".");
        line("");
        line("| | " + String.join(" | ", cells.stream().map(ShapeFigures.Cell::label).toList()) + " |");
        line("|---" + "|---".repeat(cells.size()) + "|");
        row(cells, "server CPU per delivery, µs", cell -> cell.cpuPerDeliveryUs().format("%.2f"));
        row(cells, "delivered events/s", cell -> cell.deliveredPerS().format("%,.0f"));
        if (shape.closedLoop()) {
            row(cells, "delivered events/s, ratio to node socket.io", cell -> row.deliveredRatioVsNode()
                    .getOrDefault(cell.server(), Spread.of(List.of())).format("%.2f", "x"));
        }
        row(cells, "p50 ms", cell -> cell.p50Ms().format("%.1f"));
        row(cells, "p99 ms", cell -> cell.p99Ms().format("%.1f"));
        row(cells, "lost deliveries", cell -> cell.lost().format("%.0f"));
        row(cells, "load generator CPU per delivery, µs", cell -> cell.generatorCpuUsPerDelivery().format("%.2f"));
        row(cells, "errors", cell -> cell.errors().isEmpty() ? "none" : String.join("; ", cell.errors()));
        line("");
        line("MedSync / node socket.io, CPU per delivery: **" + row.cpuRatio().format("%.2f", "x") + "**; target <= "
                + ShapeFigures.CPU_RATIO_TARGET + "x: " + (row.met() ? "met" : "**not met**") + ".");
        line("");
    }

    private void row(List<ShapeFigures.Cell> cells, String name, Function<ShapeFigures.Cell, String> cell) {
        line("| " + name + " | " + String.join(" | ", cells.stream().map(cell).toList()) + " |");
    }

    private void line(String text) {
        out.append(text).append('\n');
    }
}
