package dev.fieldsync.benchmarks.e2e;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/** Draws the results as one PNG of bar-chart panels with Java2D (no plotting library needed). */
final class Chart {
    private static final Color[] COLORS = {new Color(0x4C72B0), new Color(0xDD8452), new Color(0x55A868),
        new Color(0xC44E52), new Color(0x8172B3)};

    private record Bar(String label, double value, String text) {
    }

    private record Panel(String title, String unit, List<Bar> bars, String note) {
    }

    private Chart() {
    }

    static void draw(Results r, Path png) {
        List<Panel> panels = new ArrayList<>();
        if (r.has("ingest")) {
            List<Bar> bars = new ArrayList<>();
            add(bars, "floor (fetch+parse)", r.number("ingest", "floor_jobs_per_s"));
            add(bars, "fieldsync -> H2", r.number("ingest", "h2_jobs_per_s"));
            add(bars, "fieldsync -> PostgreSQL", r.number("ingest", "postgres_jobs_per_s"));
            add(bars, "naive -> PostgreSQL", r.number("ingest", "naive_postgres_jobs_per_s"));
            panels.add(new Panel("Ingest, limits off (" + (long) r.number("ingest", "jobs") + " jobs)", "jobs/s", bars,
                    "PostgreSQL / floor time: " + r.number("ingest", "postgres_over_floor") + "x"));
        }
        if (r.has("budget_efficiency")) {
            List<Bar> bars = new ArrayList<>();
            add(bars, "bound: requests / rate", r.number("budget_efficiency", "bound_s"));
            add(bars, "bound after burst", r.number("budget_efficiency", "bound_after_burst_s"));
            add(bars, "measured wall time", r.number("budget_efficiency", "wall_s"));
            panels.add(new Panel("Budget efficiency (" + (long) r.number("budget_efficiency", "jobs") + " jobs, "
                    + (long) r.number("budget_efficiency", "time_scale") + "x time)", "s", bars,
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
            panels.add(new Panel("Sync of " + (long) r.number("memory", "jobs") + " jobs in a 256 MB heap", "MB", bars,
                    "completed: " + r.get("memory", "completed") + ", " + r.number("memory", "jobs_per_s") + " jobs/s"));
        }
        int w = 560;
        int h = 360;
        int cols = Math.min(2, Math.max(1, panels.size()));
        int rows = Math.max(1, (panels.size() + 1) / 2);
        BufferedImage image = new BufferedImage(w * cols, h * rows, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        for (int i = 0; i < panels.size(); i++) {
            panel(g, panels.get(i), (i % 2) * w, (i / 2) * h, w, h);
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
            bars.add(new Bar(label, value, value >= 100 ? String.format("%,.0f", value) : String.format("%.2f", value)));
        }
    }

    private static void panel(Graphics2D g, Panel p, int x0, int y0, int w, int h) {
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.drawString(p.title(), x0 + 16, y0 + 26);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawString(p.unit(), x0 + 16, y0 + 46);
        if (!p.note().isEmpty()) {
            g.drawString(p.note(), x0 + 16, y0 + h - 12);
        }
        double max = p.bars().stream().mapToDouble(Bar::value).max().orElse(1);
        int left = x0 + 190;
        int right = x0 + w - 70;
        int top = y0 + 60;
        int barH = Math.min(40, (h - 110) / Math.max(1, p.bars().size()) - 10);
        for (int i = 0; i < p.bars().size(); i++) {
            Bar bar = p.bars().get(i);
            int y = top + i * (barH + 10);
            int len = max <= 0 ? 0 : (int) Math.round((right - left) * bar.value() / max);
            g.setColor(COLORS[i % COLORS.length]);
            g.fillRect(left, y, Math.max(1, len), barH);
            g.setColor(Color.BLACK);
            g.drawString(bar.label(), x0 + 16, y + barH / 2 + 5);
            g.drawString(bar.text(), left + len + 6, y + barH / 2 + 5);
        }
        g.setStroke(new BasicStroke(1));
        g.setColor(Color.GRAY);
        g.drawLine(left, top - 4, left, top + p.bars().size() * (barH + 10));
        g.drawRect(x0 + 4, y0 + 4, w - 8, h - 8);
    }
}
