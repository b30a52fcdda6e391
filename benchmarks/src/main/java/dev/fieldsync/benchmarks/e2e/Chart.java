package dev.fieldsync.benchmarks.e2e;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.CategoryStyler;

/** Draws the results as one PNG of bar-chart panels with XChart, two panels a row. */
final class Chart {
    private static final int WIDTH = 560;
    private static final int HEIGHT = 360;

    private record Bar(String label, double value) {}

    private record Panel(String title, String unit, List<Bar> bars, String note) {}

    private Chart() {}

    static void draw(Results r, Path png) {
        List<Panel> panels = new ArrayList<>();
        if (r.has("ingest")) {
            List<Bar> bars = new ArrayList<>();
            add(bars, "floor (fetch+parse)", r.number("ingest", "floor_jobs_per_s"));
            add(bars, "fieldsync -> H2", r.number("ingest", "h2_jobs_per_s"));
            add(bars, "fieldsync -> PostgreSQL", r.number("ingest", "postgres_jobs_per_s"));
            add(bars, "naive -> PostgreSQL", r.number("ingest", "naive_postgres_jobs_per_s"));
            panels.add(new Panel(
                    "Ingest, limits off (" + (long) r.number("ingest", "jobs") + " jobs)",
                    "jobs/s",
                    bars,
                    "PostgreSQL / floor time: " + r.number("ingest", "postgres_over_floor") + "x"));
        }
        if (r.has("budget_efficiency")) {
            List<Bar> bars = new ArrayList<>();
            add(bars, "bound: requests / rate", r.number("budget_efficiency", "bound_s"));
            add(bars, "bound after burst", r.number("budget_efficiency", "bound_after_burst_s"));
            add(bars, "measured wall time", r.number("budget_efficiency", "wall_s"));
            panels.add(new Panel(
                    "Budget efficiency (" + (long) r.number("budget_efficiency", "jobs") + " jobs, "
                            + (long) r.number("budget_efficiency", "time_scale") + "x time)",
                    "s",
                    bars,
                    "requests " + (long) r.number("budget_efficiency", "requests_used") + " (min "
                            + (long) r.number("budget_efficiency", "requests_minimum") + "), 429s "
                            + (long) r.number("budget_efficiency", "rate_limited_429")));
        }
        if (r.has("interactive_latency")) {
            List<Bar> bars = new ArrayList<>();
            add(bars, "two priorities p50", r.number("interactive_latency", "priority_p50_ms_real"));
            add(bars, "two priorities p99", r.number("interactive_latency", "priority_p99_ms_real"));
            add(bars, "FIFO bucket p50", r.number("interactive_latency", "fifo_p50_ms_real"));
            add(bars, "FIFO bucket p99", r.number("interactive_latency", "fifo_p99_ms_real"));
            add(bars, "one refill interval", r.number("interactive_latency", "refill_interval_ms_real"));
            panels.add(new Panel("Create's budget wait during a full sync", "ms (at 38/min)", bars, ""));
        }
        if (r.has("memory")) {
            List<Bar> bars = new ArrayList<>();
            add(bars, "-Xmx", r.number("memory", "max_heap_mb"));
            add(bars, "peak heap (pool peaks summed)", r.number("memory", "peak_heap_mb"));
            panels.add(new Panel(
                    "Sync of " + (long) r.number("memory", "jobs") + " jobs in a 256 MB heap",
                    "MB",
                    bars,
                    "completed: " + r.get("memory", "completed") + ", " + r.number("memory", "jobs_per_s")
                            + " jobs/s"));
        }
        panels.removeIf(panel -> panel.bars().isEmpty()); // e.g. "ingest" holding the page apply's figures only
        if (panels.isEmpty()) {
            return;
        }
        List<CategoryChart> charts = panels.stream().map(Chart::chart).toList();
        int cols = Math.min(2, panels.size());
        int rows = (panels.size() + cols - 1) / cols;
        // XChart's own grid (saveBitmap with rows and columns) fails on an odd number of charts: tile them here.
        BufferedImage image = new BufferedImage(cols * WIDTH, rows * HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        for (int i = 0; i < charts.size(); i++) {
            g.drawImage(BitmapEncoder.getBufferedImage(charts.get(i)), (i % cols) * WIDTH, (i / cols) * HEIGHT, null);
        }
        g.dispose();
        try {
            ImageIO.write(image, "png", png.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void add(List<Bar> bars, String label, double value) {
        if (!Double.isNaN(value)) {
            bars.add(new Bar(label, value));
        }
    }

    /** One panel: a bar per figure, its value printed on the bar, the unit on the y axis, the note under the x axis. */
    private static CategoryChart chart(Panel p) {
        CategoryChart chart = new CategoryChartBuilder()
                .width(WIDTH)
                .height(HEIGHT)
                .title(p.title())
                .xAxisTitle(p.note())
                .yAxisTitle(p.unit())
                .build();
        CategoryStyler style = chart.getStyler();
        style.setLegendVisible(false);
        style.setLabelsVisible(true);
        style.setLabelsPosition(0.9);
        style.setXAxisLabelRotation(15);
        style.setChartBackgroundColor(Color.WHITE);
        style.setPlotBackgroundColor(Color.WHITE);
        style.setSeriesColors(new Color[] {new Color(0x4C72B0)});
        style.setYAxisMin(0.0);
        style.setYAxisDecimalPattern("#,##0.##");
        chart.addSeries(
                p.unit(),
                p.bars().stream().map(Bar::label).toList(),
                p.bars().stream().map(bar -> (Number) bar.value()).toList());
        return chart;
    }
}
