package dev.fieldsync.benchmarks.e2e;

import com.zaxxer.hikari.HikariDataSource;
import dev.fieldsync.adapters.memory.UnlimitedRateBudget;
import dev.fieldsync.benchmarks.harness.Databases;
import dev.fieldsync.benchmarks.harness.SandboxProcess;
import dev.fieldsync.benchmarks.harness.Stack;
import dev.fieldsync.ports.in.sync.SyncProgressListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The change feed's figures in one run over one sandbox (rate limit off):
 * <ul>
 *   <li>{@code cost}: what the change log costs a first sync: synced into fresh stores with
 *       {@code fieldsync.changes.enabled} off and on, alternated round by round (off/on, then on/off, ...) on
 *       PostgreSQL, then on a file H2. Each run checks the mirror holds every job and the log one change per job
 *       (none when off).
 *   <li>{@code read}: {@link FeedReadSpeed}, the built service paging through the log of a first sync over REST.
 *   <li>{@code delivery}: {@link DeliverySpeed}, the dispatcher draining that log to a webhook receiver and to
 *       RabbitMQ, then delivering while a first sync runs (commit-to-arrival latency).
 * </ul>
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.fieldsync.benchmarks.e2e.ChangeFeedCost \
 *      [--jobs 200000] [--rounds 2] [--h2-rounds 1] [--only cost,read,delivery] [--out docs] \
 *      [--work benchmarks/target/bench-work]
 * </pre>
 * read and delivery need PostgreSQL; read needs app-micronaut/target/fieldsync.jar, delivery the broker at
 * 127.0.0.1:5672 (guest/guest).
 */
public final class ChangeFeedCost {
    private ChangeFeedCost() {}

    public static void main(String[] args) throws Exception {
        int jobs = 200_000;
        int rounds = 2;
        int h2Rounds = 1;
        Path out = Path.of("docs");
        Path work = Path.of("benchmarks/target/bench-work");
        java.util.Set<String> only = java.util.Set.of("cost", "read", "delivery");
        for (int i = 0; i < args.length - 1; i += 2) {
            switch (args[i]) {
                case "--jobs" -> jobs = Integer.parseInt(args[i + 1]);
                case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
                case "--h2-rounds" -> h2Rounds = Integer.parseInt(args[i + 1]);
                case "--out" -> out = Path.of(args[i + 1]);
                case "--work" -> work = Path.of(args[i + 1]);
                case "--only" -> only = java.util.Set.of(args[i + 1].split(","));
                default ->
                    throw new IllegalArgumentException("unknown option " + args[i] + "; use --jobs N, --rounds N,"
                            + " --h2-rounds N, --only cost,read,delivery, --out DIR or --work DIR");
            }
        }
        Files.createDirectories(work);
        Results results = new Results();
        results.put("machine", "load_average_at_start", BenchmarkMain.loadAverage(), "");
        run(results, jobs, rounds, h2Rounds, work, only);
        results.put("machine", "load_average_at_end", BenchmarkMain.loadAverage(), "");
        results.write(out.resolve("benchmarks-changes.json"), out.resolve("benchmarks-changes.csv"));
    }

    static void run(Results results, int jobs, int rounds, int h2Rounds, Path work, java.util.Set<String> only)
            throws Exception {
        System.out.println("== change log cost: " + jobs + " jobs, first sync, rate limit off");
        try (SandboxProcess sandbox = SandboxProcess.start(
                "2g", List.of("--jobs", Integer.toString(jobs), "--seed", "42", "--no-rate-limit"))) {
            String b = "changes_cost";
            results.put(b, "jobs", jobs, "jobs");
            IngestSpeed.floor(sandbox.baseUrl(), 20); // warm the sandbox's and this JVM's code paths
            if (only.contains("cost")) {
                cost(results, b, sandbox, jobs, rounds, h2Rounds, work);
            }
            if ((only.contains("read") || only.contains("delivery")) && Databases.postgresAvailable()) {
                FeedRuns.run(results, sandbox.baseUrl(), jobs, only);
            }
        }
    }

    private static void cost(
            Results results, String b, SandboxProcess sandbox, int jobs, int rounds, int h2Rounds, Path work)
            throws Exception {
        if (Databases.postgresAvailable()) {
            compare(results, b, "postgres", rounds, enabled -> {
                String schema = "bench_changes_" + (enabled ? "on_" : "off_") + System.currentTimeMillis() % 1_000_000;
                try {
                    return firstSync(sandbox.baseUrl(), Databases.postgresFreshSchema(schema, 4), jobs, enabled);
                } finally {
                    Databases.dropPostgresSchema(schema);
                }
            });
        } else {
            results.put(b, "postgres", "skipped: PostgreSQL not reachable at " + Databases.PG_URL, "");
        }
        compare(
                results,
                b,
                "h2",
                h2Rounds,
                enabled -> firstSync(
                        sandbox.baseUrl(),
                        Databases.h2File(work.resolve("changes-" + enabled + "-" + System.nanoTime()), 4),
                        jobs,
                        enabled));
    }

    private interface Sync {
        double seconds(boolean changeLogOn) throws Exception;
    }

    /** Rounds of off/on, the order swapped every round so neither side always runs on a warmer machine. */
    private static void compare(Results results, String b, String store, int rounds, Sync sync) throws Exception {
        if (rounds < 1) {
            return;
        }
        List<Double> off = new ArrayList<>();
        List<Double> on = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            boolean onFirst = round % 2 == 0;
            for (boolean enabled : onFirst ? new boolean[] {true, false} : new boolean[] {false, true}) {
                double seconds = sync.seconds(enabled);
                (enabled ? on : off).add(seconds);
                results.put(
                        b,
                        store + "_" + (enabled ? "on" : "off") + "_run" + round + "_s",
                        Results.round(seconds, 3),
                        "s");
            }
        }
        double offMean = off.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double onMean = on.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        results.put(b, store + "_off_mean_s", Results.round(offMean, 3), "s");
        results.put(b, store + "_on_mean_s", Results.round(onMean, 3), "s");
        results.put(b, store + "_on_over_off", Results.round(onMean / offMean, 3), "ratio");
    }

    /** One first sync into fresh stores; the seconds from the lookups' refresh to the end of the pass. */
    static double firstSync(String baseUrl, HikariDataSource dataSource, int jobs, boolean changeLogOn)
            throws SQLException {
        Stack.Options options = Stack.Options.of(baseUrl, Keys.FULL, new UnlimitedRateBudget())
                .with("fieldsync.changes.enabled", changeLogOn);
        try (Stack stack = Stack.sql(options, dataSource, true)) {
            long started = System.nanoTime();
            stack.core().lookups().refresh();
            stack.core().syncJobs().runPass(SyncProgressListener.NONE);
            double seconds = (System.nanoTime() - started) / 1e9;
            long mirrored = stack.mirrored();
            long changes = changes(dataSource);
            // The pass's window ends at its start: a job the sandbox stamped at that instant waits for the next pass.
            if (mirrored < jobs * 0.999 || changes != (changeLogOn ? mirrored : 0)) {
                throw new IllegalStateException("after a first sync with the change log " + (changeLogOn ? "on" : "off")
                        + " the mirror holds " + mirrored + " jobs and the log " + changes
                        + " changes; the sandbox has "
                        + jobs + " jobs");
            }
            System.out.printf(
                    "  change log %-3s %,d jobs mirrored, %,d changes, in %.2f s%n",
                    changeLogOn ? "on" : "off", mirrored, changes, seconds);
            return seconds;
        }
    }

    static long changes(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement count = c.prepareStatement("SELECT COUNT(*) FROM fs_change");
                ResultSet row = count.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }
}
