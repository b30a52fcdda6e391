package dev.fieldsync.benchmarks.harness;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What a running service process costs, read from outside: its CPU time ({@code /proc/<pid>/stat} utime + stime),
 * its thread count ({@code /proc/<pid>/status}), the machine's busy share ({@code /proc/stat}) and its used heap (the
 * service's own {@code /prometheus} with its API token: the sum of {@code jvm_memory_used_bytes{area="heap"}}). A
 * background sampler
 * keeps the peaks of heap and threads between {@link #resetPeaks}.
 */
public final class InstanceMeter implements AutoCloseable {
    /** Clock ticks per second of /proc's CPU times (USER_HZ: 100 on Linux). */
    private static final double TICKS_PER_SECOND = 100.0;

    private final long pid;
    private final String prometheusUrl;
    private final String apiToken;
    // HTTP/1.1 as a Prometheus server scrapes (the JDK client's default HTTP/2 asks for an h2c upgrade first).
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private final Thread sampler;
    private volatile boolean running = true;
    private long peakHeapBytes;
    private long minHeapBytes = Long.MAX_VALUE;
    private int peakThreads;
    private int scrapes;
    private int failedScrapes;
    private long slowestScrapeMillis;

    /** {@code apiToken}: a token the service accepts (the metrics need the read scope); never printed. */
    public InstanceMeter(long pid, String serviceBaseUrl, String apiToken, Duration every) {
        this.pid = pid;
        this.prometheusUrl = serviceBaseUrl + "/prometheus";
        this.apiToken = apiToken;
        sampler = new Thread(
                () -> {
                    while (running) {
                        sample();
                        try {
                            Thread.sleep(every.toMillis());
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                },
                "instance-meter");
        sampler.setDaemon(true);
        sampler.start();
    }

    /** A reading of the counters at one moment; differences of two make a phase's figures. */
    public record Mark(long nanos, double processCpuSeconds, long machineBusyTicks, long machineTotalTicks) {
        /** Seconds between two marks. */
        public double wallSeconds(Mark later) {
            return (later.nanos - nanos) / 1e9;
        }

        /** The process's CPU time between two marks as a percentage of one core. */
        public double cpuPercentOfOneCore(Mark later) {
            return 100.0 * (later.processCpuSeconds - processCpuSeconds) / wallSeconds(later);
        }

        /** The whole machine's busy share between two marks (everyone's processes), in percent. */
        public double machineBusyPercent(Mark later) {
            long total = later.machineTotalTicks - machineTotalTicks;
            return total == 0 ? 0 : 100.0 * (later.machineBusyTicks - machineBusyTicks) / total;
        }
    }

    /**
     * The peaks the sampler saw since the last {@link #resetPeaks}, and how its {@code /prometheus} scrapes went (a
     * failed one: no answer within 5 s, or no heap figure; its heap is then not in the peaks).
     */
    public record Peaks(
            long peakHeapBytes,
            long minHeapBytes,
            int peakThreads,
            int scrapes,
            int failedScrapes,
            long slowestScrapeMillis) {}

    public Mark mark() {
        long[] machine = machineTicks();
        return new Mark(System.nanoTime(), processCpuSeconds(), machine[0], machine[1]);
    }

    /** The counters just before a process is launched: its CPU time is 0 then. */
    public static Mark beforeLaunch() {
        long[] machine = machineTicks();
        return new Mark(System.nanoTime(), 0, machine[0], machine[1]);
    }

    public synchronized Peaks resetPeaks() {
        Peaks out = new Peaks(
                peakHeapBytes,
                minHeapBytes == Long.MAX_VALUE ? 0 : minHeapBytes,
                peakThreads,
                scrapes,
                failedScrapes,
                slowestScrapeMillis);
        peakHeapBytes = 0;
        minHeapBytes = Long.MAX_VALUE;
        peakThreads = 0;
        scrapes = 0;
        failedScrapes = 0;
        slowestScrapeMillis = 0;
        return out;
    }

    /** The used heap now, in bytes ({@code -1} when the endpoint did not answer). */
    public long heapUsedBytes() {
        try {
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create(prometheusUrl))
                            .timeout(Duration.ofSeconds(5))
                            .header("Authorization", "Bearer " + apiToken)
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                return -1;
            }
            double sum = 0;
            boolean found = false;
            for (String line : r.body().split("\n")) {
                if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                    sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                    found = true;
                }
            }
            return found ? (long) sum : -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** The process's threads now (from /proc/&lt;pid&gt;/status). */
    public int threads() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("Threads:")) {
                    return Integer.parseInt(line.substring("Threads:".length()).trim());
                }
            }
        } catch (IOException | RuntimeException e) {
            // the process is gone
        }
        return 0;
    }

    /** utime + stime of the process, in seconds. */
    public double processCpuSeconds() {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            // the command name (2nd field) is in parentheses and may hold spaces: count fields after its ')'
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND; // fields 14 and 15
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** {busy, total} ticks of all cores from the first line of /proc/stat (idle and iowait are not busy). */
    private static long[] machineTicks() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < f.length && i <= 8; i++) {
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            return new long[] {total - idle, total};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }

    private void sample() {
        long started = System.nanoTime();
        long heap = heapUsedBytes();
        long scrapeMillis = (System.nanoTime() - started) / 1_000_000;
        int threads = threads();
        synchronized (this) {
            scrapes++;
            slowestScrapeMillis = Math.max(slowestScrapeMillis, scrapeMillis);
            if (heap <= 0) {
                failedScrapes++;
            }
            if (heap > 0) {
                peakHeapBytes = Math.max(peakHeapBytes, heap);
                minHeapBytes = Math.min(minHeapBytes, heap);
            }
            peakThreads = Math.max(peakThreads, threads);
        }
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
    }
}
