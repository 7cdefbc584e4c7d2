package com.medsync.realtime.bench.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.medsync.realtime.bench.scenario.Shape;

import java.util.List;

/**
 * The shapes matrix in latest.json: {@code cpu_per_delivery_us} (per server, per measurement key, the median
 * in microseconds) and {@code shapes} (per key: the shape, each server's figures with their spread and every
 * run's full phase, and the same-run ratio MedSync / node socket.io against issue #12's target).
 */
final class ShapeJson {

    private ShapeJson() {
    }

    static void write(RunResults results, List<ShapeFigures.Row> rows, ObjectNode root) {
        ObjectNode cpu = root.putObject("cpu_per_delivery_us");
        ObjectNode shapes = root.putObject("shapes");
        for (ShapeFigures.Row row : rows) {
            Shape shape = row.shape();
            ObjectNode json = shapes.putObject(row.key());
            json.put("generator", shape.generator());
            json.put("recipients", shape.recipients());
            json.put("sockets", shape.sockets());
            json.put("rooms", shape.rooms());
            json.put("state", row.state());
            if (shape.closedLoop()) {
                json.put("closed_loop_callers", shape.concurrency());
            } else {
                json.put("offered_publishes_per_s", shape.publishesPerS());
                json.put("offered_deliveries_per_s", shape.publishesPerS() * shape.recipients());
                json.put("warm_up_publishes_per_s", shape.warmUpPublishesPerS());
            }
            json.put("events", row.state().equals("cold") ? shape.coldEvents() : shape.warmEvents());
            json.put("warm_up_events", row.state().equals("cold") ? 0 : shape.warmUpEvents());
            json.put("medsync_phase", shape.medsyncPhase());
            json.put("description", shape.describe());
            ObjectNode servers = json.putObject("servers");
            for (ShapeFigures.Cell cell : row.cells()) {
                Spread.put(cpu.with(cell.server()), row.key(), cell.cpuPerDeliveryUs().median());
                ObjectNode server = servers.putObject(cell.server());
                server.set("cpu_per_delivery_us", cell.cpuPerDeliveryUs().json());
                server.set("delivered_per_s", cell.deliveredPerS().json());
                server.set("p50_ms", cell.p50Ms().json());
                server.set("p99_ms", cell.p99Ms().json());
                server.set("lost", cell.lost().json());
                server.set("generator_cpu_us_per_delivery", cell.generatorCpuUsPerDelivery().json());
                server.set("server_cpu_ms", cell.serverCpuMs().json());
                server.set("generator_cpu_ms", cell.generatorCpuMs().json());
                server.set("runs", Report.JSON.valueToTree(cell.runs().stream().map(run -> run.result()).toList()));
                if (!cell.errors().isEmpty()) {
                    server.set("errors", Report.JSON.valueToTree(cell.errors()));
                }
            }
            json.set("ratio_medsync_vs_node_socketio", row.cpuRatio().json());
            json.put("target", "MedSync's server CPU per delivery <= " + ShapeFigures.CPU_RATIO_TARGET + "x node socket.io's (issue #12)");
            json.put("target_ratio", ShapeFigures.CPU_RATIO_TARGET);
            json.put("met", row.met());
            if (shape.closedLoop()) {
                ObjectNode delivered = json.putObject("delivered_per_s_ratio_vs_node_socketio");
                row.deliveredRatioVsNode().forEach((server, ratio) -> delivered.set(server, ratio.json()));
            }
        }
    }
}
