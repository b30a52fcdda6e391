package dev.fieldsync.benchmarks.e2e;

import dev.fieldsync.adapters.memory.UnlimitedRateBudget;
import dev.fieldsync.benchmarks.harness.ChildProcess;
import dev.fieldsync.benchmarks.harness.Databases;
import dev.fieldsync.benchmarks.harness.SandboxProcess;
import dev.fieldsync.benchmarks.harness.Stack;
import dev.fieldsync.ports.in.sync.SyncOutcome;
import dev.fieldsync.ports.in.sync.SyncProgressListener;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Benchmark 4: a sync of a million jobs in a client JVM limited to {@code -Xmx256m}. The sandbox runs in its
 * own JVM (its data set does not count); the client is this class's {@link #main} in a child JVM.
 */
public final class MemoryRun {
    private static final Pattern RESULT = Pattern.compile("RESULT jobs=(\\d+) mirrored=(\\d+) seconds=([\\d.]+) "
            + "peak_heap_mb=([\\d.]+) max_heap_mb=([\\d.]+) store=(\\S+)");

    private MemoryRun() {}

    static void runInChild(Results results, int jobs, String heap, Path work, int maxSeconds) throws Exception {
        System.out.println("== memory: " + jobs + " jobs into a client JVM with -Xmx" + heap);
        String store = Databases.postgresAvailable() ? "postgres" : "h2";
        try (SandboxProcess sandbox = SandboxProcess.start(
                jobs > 500_000 ? "1400m" : "768m",
                List.of("--jobs", Integer.toString(jobs), "--seed", "42", "--no-rate-limit"))) {
            String classpath = System.getProperty("java.class.path");
            ChildProcess child = ChildProcess.java(
                    "memory-client",
                    List.of("-Xmx" + heap, "-XX:+ExitOnOutOfMemoryError"),
                    classpath,
                    MemoryRun.class.getName(),
                    List.of(
                            sandbox.baseUrl(),
                            store,
                            work.resolve("memory-" + System.nanoTime()).toString(),
                            Integer.toString(jobs),
                            Integer.toString(maxSeconds)));
            int exit = child.awaitExit(Duration.ofSeconds(maxSeconds + 300L));
            String b = "memory";
            results.put(b, "jobs", jobs, "jobs");
            results.put(b, "client_xmx", heap, "");
            results.put(b, "store", store, "");
            results.put(b, "exit_code", exit, "");
            Matcher m = child.lines().stream()
                    .map(RESULT::matcher)
                    .filter(Matcher::find)
                    .findFirst()
                    .orElse(null);
            if (m == null) {
                results.put(b, "completed", false, "");
                System.out.println(child.tail(30));
                return;
            }
            results.put(b, "completed", Long.parseLong(m.group(2)) == jobs, "");
            results.put(b, "time_cap_s", maxSeconds, "s");
            results.put(b, "mirrored", Long.parseLong(m.group(2)), "jobs");
            results.put(b, "seconds", Double.parseDouble(m.group(3)), "s");
            results.put(b, "jobs_per_s", Results.round(jobs / Double.parseDouble(m.group(3)), 0), "jobs/s");
            results.put(b, "peak_heap_mb", Double.parseDouble(m.group(4)), "MB");
            results.put(b, "max_heap_mb", Double.parseDouble(m.group(5)), "MB");
        }
    }

    /**
     * {@code MemoryRun <baseUrl> <h2|postgres> <h2 file> <expected jobs> <max seconds>}: one full pass, stopped
     * at a page boundary when the time cap is reached, then a RESULT line.
     */
    public static void main(String[] args) {
        String baseUrl = args[0];
        String store = args[1];
        int expected = Integer.parseInt(args[3]);
        String schema = "bench_memory_" + System.currentTimeMillis() % 1_000_000;
        DataSource dataSource = store.equals("postgres")
                ? Databases.postgresFreshSchema(schema, 4)
                : Databases.h2File(Path.of(args[2]), 4);
        long started = System.nanoTime();
        long mirrored;
        try (Stack stack =
                Stack.sql(Stack.Options.of(baseUrl, Keys.FULL, new UnlimitedRateBudget()), dataSource, true)) {
            stack.core().lookups().refresh();
            long stopAt = System.nanoTime() + Long.parseLong(args[4]) * 1_000_000_000L;
            SyncOutcome outcome = stack.core().syncJobs().runPass(new SyncProgressListener() {
                @Override
                public void onPage(dev.fieldsync.ports.in.sync.SyncProgress progress) {
                    if (progress.pages() % 500 == 0) {
                        Runtime rt = Runtime.getRuntime();
                        System.out.printf(
                                "PROGRESS pages=%d jobs=%d seconds=%.1f heap_used_mb=%.1f%n",
                                progress.pages(),
                                progress.jobs(),
                                (System.nanoTime() - started) / 1e9,
                                (rt.totalMemory() - rt.freeMemory()) / 1048576.0);
                    }
                }

                @Override
                public boolean stopRequested() {
                    return System.nanoTime() > stopAt;
                }
            });
            mirrored = stack.mirrored();
            if (!outcome.completed()) {
                System.out.println("pass did not complete: " + outcome);
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        double peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        if (store.equals("postgres")) {
            Databases.dropPostgresSchema(schema);
        }
        System.out.printf(
                "RESULT jobs=%d mirrored=%d seconds=%.3f peak_heap_mb=%.1f max_heap_mb=%.1f store=%s%n",
                expected,
                mirrored,
                seconds,
                peak / 1048576.0,
                Runtime.getRuntime().maxMemory() / 1048576.0,
                store);
        System.exit(mirrored == expected ? 0 : 2);
    }
}
