package dev.fieldsync.benchmarks.e2e;

import dev.fieldsync.adapters.persistence.budget.BudgetSettings;
import dev.fieldsync.adapters.persistence.budget.LocalRateBudget;
import dev.fieldsync.benchmarks.harness.Databases;
import dev.fieldsync.benchmarks.harness.Drafts;
import dev.fieldsync.benchmarks.harness.FifoTokenBucket;
import dev.fieldsync.benchmarks.harness.RecordingBudget;
import dev.fieldsync.benchmarks.harness.SandboxAdmin;
import dev.fieldsync.benchmarks.harness.SandboxProcess;
import dev.fieldsync.benchmarks.harness.Stack;
import dev.fieldsync.domain.lookup.LookupCatalog;
import dev.fieldsync.ports.in.sync.SyncProgressListener;
import dev.fieldsync.ports.in.write.SubmitResult;
import dev.fieldsync.ports.out.budget.Priority;
import dev.fieldsync.ports.out.budget.RateBudget;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Benchmark 3: how long an interactive create waits for budget while a full sync runs, with the project's
 * budget (two priorities, background reserve of 4) and with a plain FIFO token bucket, side by side in one
 * run, in scaled real time against the rate-limited sandbox. Creates go through submit + dispatch.
 */
final class InteractiveLatency {
    private InteractiveLatency() {}

    static void run(Results results, int jobs, int timeScale, int creates, Path work) throws Exception {
        System.out.println(
                "== interactive latency: " + jobs + " jobs syncing, " + creates + " creates, time scale " + timeScale);
        int rate = 38 * timeScale;
        double intervalMs = 60_000.0 / rate;
        try (SandboxProcess sandbox = SandboxProcess.start(
                "768m",
                List.of(
                        "--jobs",
                        Integer.toString(jobs),
                        "--seed",
                        "42",
                        "--time-scale",
                        Integer.toString(timeScale)))) {
            String b = "interactive_latency";
            results.put(b, "time_scale", timeScale, "x");
            results.put(b, "refill_interval_ms_scaled", Results.round(intervalMs, 1), "ms");
            results.put(b, "refill_interval_ms_real", Results.round(intervalMs * timeScale, 0), "ms");
            measure(
                    results,
                    b,
                    "priority",
                    sandbox,
                    new LocalRateBudget(new BudgetSettings(rate, 38, 4, Duration.ofMillis(60_000L / timeScale))),
                    creates,
                    intervalMs,
                    timeScale,
                    jobs);
            measure(results, b, "fifo", sandbox, new FifoTokenBucket(rate, 38), creates, intervalMs, timeScale, jobs);
        }
    }

    private static void measure(
            Results results,
            String b,
            String name,
            SandboxProcess sandbox,
            RateBudget limiter,
            int creates,
            double intervalMs,
            int timeScale,
            int jobs)
            throws Exception {
        SandboxAdmin admin = sandbox.admin();
        admin.reset();
        Thread.sleep((long) (40 * 1500.0 / timeScale) + 200); // let the sandbox's bucket refill completely
        SandboxAdmin.Stats before = admin.stats();
        RecordingBudget budget = new RecordingBudget(limiter);
        try (Stack stack = Stack.sql(
                Stack.Options.of(sandbox.baseUrl(), Keys.FULL, budget),
                Databases.h2Memory("latency_" + name + System.nanoTime(), 4),
                true)) {
            LookupCatalog catalog = stack.core().lookups().refresh();
            AtomicBoolean syncDone = new AtomicBoolean();
            Thread sync = new Thread(
                    () -> {
                        try {
                            stack.core().syncJobs().runPass(SyncProgressListener.NONE);
                        } finally {
                            syncDone.set(true);
                        }
                    },
                    "sync");
            sync.start();
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (budget.waits(Priority.BACKGROUND).size() < 44 && !syncDone.get() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            Random random = new Random(7);
            int sent = 0;
            while (sent < creates && !syncDone.get() && System.nanoTime() < deadline) {
                Thread.sleep((long) (intervalMs * (1 + 2 * random.nextDouble())));
                SubmitResult result = stack.core().submitJob().submit(Drafts.valid(catalog, sent, null));
                if (!(result instanceof SubmitResult.Accepted)) {
                    throw new IllegalStateException("draft rejected: " + result);
                }
                stack.core().dispatchSubmissions().dispatchDue(1);
                sent++;
            }
            boolean overlapped = !syncDone.get();
            sync.join(Duration.ofMinutes(10).toMillis());
            List<Duration> waits = budget.waits(Priority.INTERACTIVE);
            SandboxAdmin.Stats after = admin.stats();
            results.put(b, name + "_creates", waits.size(), "creates");
            results.put(b, name + "_all_during_sync", overlapped, "");
            results.put(b, name + "_p50_ms_scaled", Results.round(Results.percentileMillis(waits, 50), 1), "ms");
            results.put(b, name + "_p99_ms_scaled", Results.round(Results.percentileMillis(waits, 99), 1), "ms");
            results.put(b, name + "_max_ms_scaled", Results.round(Results.percentileMillis(waits, 100), 1), "ms");
            results.put(
                    b, name + "_p50_ms_real", Results.round(Results.percentileMillis(waits, 50) * timeScale, 0), "ms");
            results.put(
                    b, name + "_p99_ms_real", Results.round(Results.percentileMillis(waits, 99) * timeScale, 0), "ms");
            results.put(
                    b,
                    name + "_p99_over_interval",
                    Results.round(Results.percentileMillis(waits, 99) / intervalMs, 3),
                    "ratio");
            results.put(b, name + "_429s", after.rateLimited() - before.rateLimited(), "responses");
            results.put(b, name + "_mirrored", stack.mirrored(), "jobs");
        }
    }
}
