package com.medsync.realtime.bench.report;

import com.medsync.realtime.bench.scenario.Capacity;
import com.medsync.realtime.bench.scenario.FanOut;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.LogarithmicAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/** The report's PNG charts (JFreeChart, headless). */
final class Charts {

    static final String LATENCY = "latency_vs_load.png";
    static final String DELIVERED = "delivered_events.png";
    static final String MEMORY = "memory_per_connection.png";
    static final String CPU_PER_DELIVERY = "cpu_per_delivery.png";

    private static final int WIDTH = 800;
    private static final int HEIGHT = 480;

    private Charts() {
    }

    /** The ramps and memory of the first repeat (the others are in latest.json), and CPU per delivery per shape. */
    static void write(RunResults results, List<ShapeFigures.Row> shapes, Path directory) {
        System.setProperty("java.awt.headless", "true");
        XYSeriesCollection latency = new XYSeriesCollection();
        XYSeriesCollection delivered = new XYSeriesCollection();
        DefaultCategoryDataset memory = new DefaultCategoryDataset();
        List<ServerResults> firstRepeat = results.comparisons().stream().filter(server -> server.repeat() == 1).toList();
        for (ServerResults server : firstRepeat) {
            if (server.fanOut() != null) {
                XYSeries p99 = new XYSeries(server.label() + " p99", false);
                XYSeries rate = new XYSeries(server.label(), false);
                for (FanOut.Step step : server.fanOut().steps()) {
                    p99.add(step.offeredEventsPerS(), Math.max(0.01, step.latency().p99()));
                    rate.add(step.offeredEventsPerS(), step.deliveredEventsPerS());
                }
                latency.addSeries(p99);
                delivered.addSeries(rate);
            }
            if (server.capacity() != null) {
                for (Capacity.Level level : server.capacity().levels()) {
                    // By the count asked for, so the servers' bars stand together even when one held a few less.
                    memory.addValue(level.heapBytesPerConnection() / 1024, server.label(), level.requested() + " connections");
                }
            }
        }
        JFreeChart latencyChart = ChartFactory.createXYLineChart("Publish-to-receive p99 against load ("
                + results.fanOutSockets() + " sockets, " + results.fanOutRooms() + " rooms)",
                "offered events/s (publishes/s x sockets per room)", "p99 latency (ms, log)", latency,
                PlotOrientation.VERTICAL, true, false, false);
        XYPlot latencyPlot = latencyChart.getXYPlot();
        LogarithmicAxis logAxis = new LogarithmicAxis("p99 latency (ms, log)");
        logAxis.setAllowNegativesFlag(false);
        latencyPlot.setRangeAxis(logAxis);
        LogarithmicAxis logLoad = new LogarithmicAxis("offered events/s (log)");
        latencyPlot.setDomainAxis(logLoad);

        JFreeChart deliveredChart = ChartFactory.createXYLineChart("Delivered events/s against offered (fan-out)",
                "offered events/s", "delivered events/s", delivered, PlotOrientation.VERTICAL, true, false, false);
        JFreeChart memoryChart = ChartFactory.createBarChart("Heap per idle authenticated connection (after full GC)",
                "", "KiB per connection", memory, PlotOrientation.VERTICAL, true, false, false);
        for (JFreeChart chart : List.of(latencyChart, deliveredChart)) {
            XYPlot plot = chart.getXYPlot();
            plot.setBackgroundPaint(Color.WHITE);
            plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
            plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
            XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
            for (int series = 0; series < plot.getDataset().getSeriesCount(); series++) {
                renderer.setSeriesStroke(series, new BasicStroke(2f));
            }
            plot.setRenderer(renderer);
        }
        memoryChart.getCategoryPlot().setBackgroundPaint(Color.WHITE);
        memoryChart.getCategoryPlot().setRangeGridlinePaint(Color.LIGHT_GRAY);
        save(latencyChart, directory.resolve(LATENCY));
        save(deliveredChart, directory.resolve(DELIVERED));
        save(memoryChart, directory.resolve(MEMORY));
        if (!shapes.isEmpty()) {
            save(cpuPerDelivery(results, shapes), directory.resolve(CPU_PER_DELIVERY));
        }
    }

    /** Bars of each server's median CPU per delivery, grouped by shape: the figure of issue #12. */
    private static JFreeChart cpuPerDelivery(RunResults results, List<ShapeFigures.Row> shapes) {
        DefaultCategoryDataset cpu = new DefaultCategoryDataset();
        for (ShapeFigures.Row row : shapes) {
            for (ShapeFigures.Cell cell : row.cells()) {
                if (cell.cpuPerDeliveryUs().measured()) {
                    cpu.addValue(cell.cpuPerDeliveryUs().median(), results.label(cell.server()), row.key());
                }
            }
        }
        JFreeChart chart = ChartFactory.createBarChart("Server CPU per delivered event, by load shape"
                + (results.repeats() > 1 ? " (median of " + results.repeats() + " runs)" : ""), "", "µs of server CPU per delivery", cpu,
                PlotOrientation.VERTICAL, true, false, false);
        chart.getCategoryPlot().setBackgroundPaint(Color.WHITE);
        chart.getCategoryPlot().setRangeGridlinePaint(Color.LIGHT_GRAY);
        chart.getCategoryPlot().getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        return chart;
    }

    private static void save(JFreeChart chart, Path file) {
        try {
            ChartUtils.saveChartAsPNG(file.toFile(), chart, file.endsWith(CPU_PER_DELIVERY) ? 1100 : WIDTH, HEIGHT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
