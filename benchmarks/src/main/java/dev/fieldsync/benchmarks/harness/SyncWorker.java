package dev.fieldsync.benchmarks.harness;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.fieldsync.adapters.persistence.budget.BudgetSettings;
import dev.fieldsync.adapters.persistence.budget.BudgetTime;
import dev.fieldsync.adapters.persistence.budget.LocalRateBudget;
import dev.fieldsync.adapters.persistence.budget.SharedRateBudget;
import dev.fieldsync.adapters.persistence.sql.Database;
import dev.fieldsync.adapters.persistence.sql.Migrations;
import dev.fieldsync.domain.lookup.LookupCatalog;
import dev.fieldsync.domain.submission.Submission;
import dev.fieldsync.domain.submission.SubmissionId;
import dev.fieldsync.ports.in.sync.SyncOutcome;
import dev.fieldsync.ports.in.sync.SyncProgress;
import dev.fieldsync.ports.in.sync.SyncProgressListener;
import dev.fieldsync.ports.in.write.SubmitResult;
import dev.fieldsync.ports.out.budget.RateBudget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A stand-in for the service process, for the crash and scale-out tests while the real service
 * ({@code fieldsync.jar serve}) is not available to them: the same core (FieldsyncCore + VertxGateway + SQL
 * stores + Bucket4j budget), a dispatch loop on its own thread and a sync loop; passes across instances are
 * serialised with a PostgreSQL advisory lock (what the service's leader election does) when {@code --leader-lock}.
 * The key comes from {@code FIELDSYNC_API_KEY}, never from the command line.
 *
 * <p>Prints {@code READY}, {@code PAGE <n>}, {@code PASS-START <epoch ms>}, {@code PASS-END <epoch ms> <completed>},
 * {@code SUBMITTED <n>}, and {@code IDLE} before exiting with {@code --exit-when-idle}.
 */
public final class SyncWorker {
    private SyncWorker() {}

    public static void main(String[] argv) throws Exception {
        Map<String, String> a = parse(argv);
        String key = System.getenv("FIELDSYNC_API_KEY");
        if (key == null || key.isBlank()) {
            System.out.println("FIELDSYNC_API_KEY is not set");
            System.exit(64);
        }
        int timeScale = Integer.parseInt(a.getOrDefault("time-scale", "1"));
        BudgetSettings settings = new BudgetSettings(
                Integer.parseInt(a.getOrDefault("rate", "38")) * timeScale,
                Integer.parseInt(a.getOrDefault("burst", "38")),
                Integer.parseInt(a.getOrDefault("reserve", "4")),
                Duration.ofMillis(60_000L / timeScale));
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(a.get("db"));
        config.setUsername(a.getOrDefault("db-user", "sa"));
        config.setPassword(a.getOrDefault("db-password", ""));
        config.setMaximumPoolSize(6);
        config.setPoolName("worker");
        try (HikariDataSource dataSource = new HikariDataSource(config)) {
            Migrations.apply(dataSource);
            RateBudget budget = a.containsKey("shared")
                    ? new SharedRateBudget(Database.on(dataSource), "bench", settings, BudgetTime.system())
                    : new LocalRateBudget(settings, BudgetTime.system());
            Duration claimLease = Duration.ofSeconds(Long.parseLong(a.getOrDefault("lease-s", "12")));
            // A call ends before the claim lease does (the settings refuse otherwise: a create still being sent
            // could be taken over and sent again); a second of it is kept for the claim's own bookkeeping.
            Duration deadline = claimLease.minusSeconds(2);
            Stack.Options options = Stack.Options.of(a.get("gateway"), key, budget)
                    .withTimeouts(
                            Duration.ofSeconds(Math.min(5, deadline.toSeconds())),
                            Duration.ofMillis(50),
                            Duration.ofMillis(500),
                            deadline)
                    .with("fieldsync.submissions.reconcile-margin", claimLease)
                    .with("fieldsync.dispatch.retry-backoff-base", Duration.ofMillis(100))
                    .with("fieldsync.dispatch.retry-backoff-max", Duration.ofSeconds(1))
                    .with("fieldsync.dispatch.claim-lease", claimLease);
            try (Stack stack = Stack.sql(options, dataSource, false)) {
                run(stack, dataSource, a);
            }
        }
    }

    private static void run(Stack stack, HikariDataSource dataSource, Map<String, String> a) throws Exception {
        Path ids = Path.of(a.getOrDefault("submissions-file", "submissions.txt"));
        LookupCatalog catalog = stack.core().lookups().catalog();
        int toSubmit = Integer.parseInt(a.getOrDefault("submit", "0"));
        String prefix = a.getOrDefault("prefix", "sub");
        if (toSubmit > 0) {
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < toSubmit; i++) {
                SubmitResult r = stack.core().submitJob().submit(Drafts.valid(catalog, i, prefix + "-" + i));
                if (r instanceof SubmitResult.Accepted accepted) {
                    lines.add(accepted.submission().id().value());
                } else {
                    System.out.println("REJECTED " + r);
                }
            }
            Files.write(ids, lines);
            System.out.println("SUBMITTED " + lines.size());
        }
        System.out.println("READY");
        AtomicBoolean stop = new AtomicBoolean();
        Thread dispatcher = new Thread(
                () -> {
                    while (!stop.get()) {
                        try {
                            stack.core().dispatchSubmissions().dispatchDue(5);
                            Thread.sleep(50);
                        } catch (InterruptedException e) {
                            return;
                        } catch (RuntimeException e) {
                            System.out.println("DISPATCH-ERROR " + e.getClass().getSimpleName());
                        }
                    }
                },
                "dispatch");
        dispatcher.setDaemon(true);
        dispatcher.start();
        boolean leaderLock = a.containsKey("leader-lock");
        long intervalMs = Long.parseLong(a.getOrDefault("interval-ms", "200"));
        long runForMs = Long.parseLong(a.getOrDefault("run-for-ms", "0"));
        long started = System.currentTimeMillis();
        while (true) {
            Optional<SyncOutcome> outcome = leaderLock ? withLeaderLock(dataSource, stack) : pass(stack);
            if (a.containsKey("exit-when-idle")
                    && outcome.isPresent()
                    && outcome.get().completed()
                    && allTerminal(stack, ids)
                    && passAfterSettled(stack, ids)) {
                System.out.println("IDLE");
                break;
            }
            if (runForMs > 0 && System.currentTimeMillis() - started > runForMs && allTerminal(stack, ids)) {
                System.out.println("IDLE");
                break;
            }
            Thread.sleep(intervalMs);
        }
        stop.set(true);
        dispatcher.interrupt();
        dispatcher.join(5_000);
    }

    private static Optional<SyncOutcome> withLeaderLock(HikariDataSource dataSource, Stack stack) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            boolean leader;
            try (PreparedStatement s = c.prepareStatement("SELECT pg_try_advisory_lock(424242)");
                    ResultSet r = s.executeQuery()) {
                r.next();
                leader = r.getBoolean(1);
            }
            if (!leader) {
                return Optional.empty();
            }
            try {
                return pass(stack);
            } finally {
                try (PreparedStatement s = c.prepareStatement("SELECT pg_advisory_unlock(424242)")) {
                    s.execute();
                }
            }
        }
    }

    private static final Map<String, Long> SETTLED_AT = new HashMap<>();
    private static long lastPassStart;

    private static Optional<SyncOutcome> pass(Stack stack) {
        long start = System.currentTimeMillis();
        lastPassStart = start;
        System.out.println("PASS-START " + start);
        SyncOutcome outcome;
        try {
            outcome = stack.core().syncJobs().runPass(new SyncProgressListener() {
                private int pages;

                @Override
                public void onPage(SyncProgress progress) {
                    System.out.println("PAGE " + (++pages));
                }
            });
        } catch (RuntimeException e) {
            System.out.println("PASS-END " + System.currentTimeMillis() + " false "
                    + e.getClass().getSimpleName());
            return Optional.empty();
        }
        System.out.println(
                "PASS-END " + System.currentTimeMillis() + " " + outcome.completed() + " jobs=" + outcome.jobs());
        return Optional.of(outcome);
    }

    /** True when every submission of this run is terminal (created or failed). */
    private static boolean allTerminal(Stack stack, Path ids) throws Exception {
        if (!Files.exists(ids)) {
            return true;
        }
        boolean all = true;
        for (String id : Files.readAllLines(ids)) {
            if (id.isBlank()) {
                continue;
            }
            Optional<Submission> s = stack.core().submitJob().submission(SubmissionId.of(id));
            boolean terminal = s.isPresent() && s.get().state().isSettled(); // terminal, or waiting for a person
            if (terminal) {
                SETTLED_AT.putIfAbsent(id, System.currentTimeMillis());
            }
            all &= terminal;
        }
        return all;
    }

    /** The last completed pass started after the last submission settled, so the mirror holds every created job. */
    private static boolean passAfterSettled(Stack stack, Path ids) {
        long lastSettled =
                SETTLED_AT.values().stream().mapToLong(Long::longValue).max().orElse(0);
        return lastPassStart > lastSettled;
    }

    private static Map<String, String> parse(String[] argv) {
        Map<String, String> a = new HashMap<>();
        for (int i = 0; i < argv.length; i++) {
            if (!argv[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + argv[i]);
            }
            String name = argv[i].substring(2);
            if (i + 1 < argv.length && !argv[i + 1].startsWith("--")) {
                a.put(name, argv[++i]);
            } else {
                a.put(name, "true");
            }
        }
        return a;
    }
}
