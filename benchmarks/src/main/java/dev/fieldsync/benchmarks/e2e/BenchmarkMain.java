package dev.fieldsync.benchmarks.e2e;

import dev.fieldsync.benchmarks.harness.Fleet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs the end-to-end measurements and writes {@code benchmarks-results.json}, {@code .csv} and the chart.
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.fieldsync.benchmarks.e2e.BenchmarkMain \
 *      [--quick] [--only budget,ingest,latency,memory] [--out docs] [--work benchmarks/target/bench-work]
 *      [--jobs N (ingest)] [--no-h2] [--no-naive] (ingest: leave out the H2 path / the naive client)
 *      [--only apply (the page apply alone)] [--apply-rounds 3 (its interleaved rounds, medians reported)]
 *      [--only fleet [--fleet-integrations 100] [--fleet-jobs 2000] [--fleet-time-scale 10] [--fleet-idle-s 180]
 *                    [--fleet-settle-s N (the wait before the idle window; one sync interval at the time scale)]]
 * </pre>
 * {@code fleet} (issue 15's capacity benchmark, {@link FleetCapacity}) is not in the default set: it writes its own
 * {@code benchmarks-fleet.json} and {@code .csv}.
 */
public final class BenchmarkMain {
    private BenchmarkMain() {}

    public static void main(String[] args) throws Exception {
        List<String> a = Arrays.asList(args);
        boolean quick = a.contains("--quick");
        Set<String> only = new LinkedHashSet<>(List.of("budget", "ingest", "latency", "memory"));
        Path out = Path.of("docs");
        Path work = Path.of("benchmarks/target/bench-work");
        int memoryCapSeconds = 1_200;
        int ingestJobs = quick ? 20_000 : 200_000;
        int applyRounds = 3;
        Path fromLog = null;
        FleetCapacity.Options fleet = FleetCapacity.Options.defaults();
        int fleetSettleSeconds = -1;
        for (int i = 0; i < args.length - 1; i++) {
            switch (args[i]) {
                case "--only" -> only = new LinkedHashSet<>(List.of(args[i + 1].split(",")));
                case "--out" -> out = Path.of(args[i + 1]);
                case "--work" -> work = Path.of(args[i + 1]);
                case "--memory-cap-s" -> memoryCapSeconds = Integer.parseInt(args[i + 1]);
                case "--jobs" -> ingestJobs = Integer.parseInt(args[i + 1]);
                case "--apply-rounds" -> applyRounds = Integer.parseInt(args[i + 1]);
                case "--from-log" -> fromLog = Path.of(args[i + 1]);
                case "--fleet-integrations" -> fleet = fleetOptions(fleet, Integer.parseInt(args[i + 1]), -1, -1, -1);
                case "--fleet-jobs" -> fleet = fleetOptions(fleet, -1, Integer.parseInt(args[i + 1]), -1, -1);
                case "--fleet-time-scale" -> fleet = fleetOptions(fleet, -1, -1, Integer.parseInt(args[i + 1]), -1);
                case "--fleet-idle-s" -> fleet = fleetOptions(fleet, -1, -1, -1, Integer.parseInt(args[i + 1]));
                case "--fleet-settle-s" -> fleetSettleSeconds = Integer.parseInt(args[i + 1]);
                default -> {}
            }
        }
        Files.createDirectories(work);
        if (fleetSettleSeconds >= 0) { // after the loop: --fleet-time-scale sets the settle from the scale
            fleet = new FleetCapacity.Options(
                    fleet.integrations(),
                    fleet.jobs(),
                    fleet.timeScale(),
                    Duration.ofSeconds(fleetSettleSeconds),
                    fleet.idle(),
                    fleet.heap(),
                    fleet.timeout());
        }
        if (only.remove("fleet")) {
            Results figures = new Results();
            machine(figures, "full");
            FleetReport.run(figures, fleet);
            figures.write(out.resolve("benchmarks-fleet.json"), out.resolve("benchmarks-fleet.csv"));
            System.out.println("wrote " + out.resolve("benchmarks-fleet.json") + " and .csv");
            if (only.isEmpty()) {
                return;
            }
        }
        Results results = new Results();
        if (fromLog != null) {
            results.readLog(fromLog); // figures of an earlier run (e.g. before a separate memory run)
        }
        machine(results, quick ? "quick" : "full");
        if (only.contains("budget")) {
            BudgetEfficiency.run(results, quick ? 5_000 : 20_000, 20, work);
            results.write(out.resolve("benchmarks-results.json"), out.resolve("benchmarks-results.csv"));
        }
        if (only.contains("ingest")) {
            IngestSpeed.run(results, ingestJobs, work, !a.contains("--no-naive"), !a.contains("--no-h2"), applyRounds);
            results.write(out.resolve("benchmarks-results.json"), out.resolve("benchmarks-results.csv"));
        }
        if (only.contains("apply")) { // the page apply alone (part of "ingest"): a short loop for apply work
            IngestSpeed.applyOnly(results, ingestJobs, applyRounds);
            results.write(out.resolve("benchmarks-results.json"), out.resolve("benchmarks-results.csv"));
        }
        if (only.contains("latency")) {
            InteractiveLatency.run(results, quick ? 10_000 : 20_000, 10, quick ? 15 : 40, work);
            results.write(out.resolve("benchmarks-results.json"), out.resolve("benchmarks-results.csv"));
        }
        if (only.contains("memory")) {
            MemoryRun.runInChild(results, quick ? 100_000 : 1_000_000, "256m", work, memoryCapSeconds);
        }
        results.put("machine", "load_average_at_end", loadAverage(), "");
        results.write(out.resolve("benchmarks-results.json"), out.resolve("benchmarks-results.csv"));
        Chart.draw(results, out.resolve("benchmarks.png"));
        System.out.println("wrote " + out.resolve("benchmarks-results.json") + ", .csv and benchmarks.png");
    }

    private static void machine(Results results, String mode) {
        results.put("machine", "started_at", Instant.now().toString(), "");
        results.put("machine", "cores", Runtime.getRuntime().availableProcessors(), "cores");
        results.put(
                "machine", "java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"), "");
        results.put("machine", "load_average_at_start", loadAverage(), "");
        results.put("machine", "mode", mode, "");
    }

    /** The fleet options with those given (not -1) replaced; the settle stays one sync interval at the time scale. */
    private static FleetCapacity.Options fleetOptions(
            FleetCapacity.Options o, int integrations, int jobs, int timeScale, int idleSeconds) {
        int scale = timeScale > 0 ? timeScale : o.timeScale();
        return new FleetCapacity.Options(
                integrations > 0 ? integrations : o.integrations(),
                jobs > 0 ? jobs : o.jobs(),
                scale,
                Duration.ofSeconds(Math.max(1, Fleet.SYNC_INTERVAL_SECONDS / scale)),
                idleSeconds > 0 ? Duration.ofSeconds(idleSeconds) : o.idle(),
                o.heap(),
                o.timeout());
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (Exception e) {
            return String.valueOf(java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                    .getSystemLoadAverage());
        }
    }
}
