package dev.fieldsync.benchmarks.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Measured figures of one run, written as JSON (nested by benchmark) and CSV (benchmark,metric,value,unit). */
public final class Results {
    private final Map<String, Map<String, Object>> sections = new LinkedHashMap<>();
    private final List<String[]> rows = new ArrayList<>();

    public synchronized void put(String benchmark, String metric, Object value, String unit) {
        sections.computeIfAbsent(benchmark, k -> new LinkedHashMap<>()).put(metric, value);
        rows.add(new String[] {benchmark, metric, String.valueOf(value), unit});
        System.out.printf("  %-22s %-34s %s %s%n", benchmark, metric, value, unit);
    }

    /** Reads the metric lines an earlier run printed ("  benchmark metric value unit"). */
    public synchronized void readLog(Path log) throws IOException {
        for (String line : Files.readAllLines(log)) {
            if (!line.startsWith("  ")) {
                continue;
            }
            String[] f = line.trim().split("\\s+", 4);
            if (f.length < 3 || f[0].equals("machine")) {
                continue;
            }
            Object value;
            try {
                value = f[2].contains(".") ? (Object) Double.parseDouble(f[2]) : (Object) Long.parseLong(f[2]);
            } catch (NumberFormatException e) {
                value = f[2].equals("true") || f[2].equals("false") ? (Object) Boolean.parseBoolean(f[2]) : f[2];
            }
            put(f[0], f[1], value, f.length > 3 ? f[3] : "");
        }
    }

    public synchronized Object get(String benchmark, String metric) {
        return sections.getOrDefault(benchmark, Map.of()).get(metric);
    }

    public synchronized double number(String benchmark, String metric) {
        Object v = get(benchmark, metric);
        return v instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    public synchronized boolean has(String benchmark) {
        return sections.containsKey(benchmark);
    }

    public synchronized void write(Path json, Path csv) {
        try {
            Files.createDirectories(json.toAbsolutePath().getParent());
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), sections);
            StringBuilder out = new StringBuilder("benchmark,metric,value,unit\n");
            for (String[] r : rows) {
                out.append(String.join(",", r[0], r[1], r[2].replace(',', ';'), r[3]))
                        .append('\n');
            }
            Files.writeString(csv, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static double millis(Duration d) {
        return d.toNanos() / 1e6;
    }

    static double round(double v, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(v * scale) / scale;
    }

    /** Nearest-rank percentile of durations, in milliseconds. */
    static double percentileMillis(List<Duration> values, double p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Duration> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return millis(sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1))));
    }
}
