package dev.fieldsync.benchmarks.e2e;

import dev.fieldsync.adapters.persistence.budget.BudgetSettings;
import dev.fieldsync.adapters.persistence.budget.LocalRateBudget;
import dev.fieldsync.benchmarks.harness.Databases;
import dev.fieldsync.benchmarks.harness.RecordingBudget;
import dev.fieldsync.benchmarks.harness.SandboxAdmin;
import dev.fieldsync.benchmarks.harness.SandboxProcess;
import dev.fieldsync.benchmarks.harness.Stack;
import dev.fieldsync.ports.in.sync.SyncOutcome;
import dev.fieldsync.ports.in.sync.SyncProgressListener;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Benchmark 1: a full sync of N jobs against the sandbox with its documented limits (40/min, burst 40) at an
 * accelerated time scale, through FieldsyncCore + VertxGateway + the Bucket4j budget (38/min, burst 38,
 * reserve 4, scaled alike) + SQL stores on a file H2.
 */
final class BudgetEfficiency {
    private static final int RATE = 38;
    private static final int BURST = 38;
    private static final int RESERVE = 4;
    private static final int LOOKUPS = 6;

    private BudgetEfficiency() {}

    /**
     * A running service has a warm JIT; a cold one spends the first seconds compiling, which at a 20x time scale
     * would be charged to the budget. One unmetered pass (limits off) warms the path; then the sandbox is reset
     * (data, buckets and counters back to their start-up state).
     */
    private static void warmUp(SandboxProcess sandbox, Path work) {
        SandboxAdmin admin = sandbox.admin();
        admin.settings("{\"rate_limited\":false}");
        try (Stack stack = Stack.sql(
                Stack.Options.of(sandbox.baseUrl(), Keys.FULL, new dev.fieldsync.adapters.memory.UnlimitedRateBudget()),
                Databases.h2File(work.resolve("warmup-" + System.nanoTime()), 4),
                true)) {
            stack.core().lookups().refresh();
            stack.core().syncJobs().runPass(SyncProgressListener.NONE);
        }
        admin.reset();
    }

    static void run(Results results, int jobs, int timeScale, Path work) throws Exception {
        System.out.println("== budget efficiency: " + jobs + " jobs, time scale " + timeScale);
        try (SandboxProcess sandbox = SandboxProcess.start(
                "768m",
                List.of(
                        "--jobs",
                        Integer.toString(jobs),
                        "--seed",
                        "42",
                        "--time-scale",
                        Integer.toString(timeScale)))) {
            SandboxAdmin admin = sandbox.admin();
            warmUp(sandbox, work);
            int rate = RATE * timeScale;
            RecordingBudget budget = new RecordingBudget(new LocalRateBudget(
                    new BudgetSettings(rate, BURST, RESERVE, Duration.ofMillis(60_000L / timeScale))));
            SandboxAdmin.Stats before = admin.stats();
            long started;
            long elapsed;
            SyncOutcome outcome;
            try (Stack stack = Stack.sql(
                    Stack.Options.of(sandbox.baseUrl(), Keys.FULL, budget),
                    Databases.h2File(work.resolve("budget-" + System.nanoTime()), 4),
                    true)) {
                started = System.nanoTime();
                stack.core().lookups().refresh();
                outcome = stack.core().syncJobs().runPass(SyncProgressListener.NONE);
                elapsed = System.nanoTime() - started;
                if (stack.mirrored() != jobs) {
                    throw new IllegalStateException("mirror holds " + stack.mirrored() + " jobs, sandbox " + jobs);
                }
            }
            SandboxAdmin.Stats after = admin.stats();
            long requests = after.totalRequests() - before.totalRequests();
            long minimum = (jobs + 99) / 100 + LOOKUPS;
            double nanosPerToken = 60e9 / rate;
            double bound = requests * nanosPerToken / 1e9;
            double boundAfterBurst = Math.max(0, requests - (BURST - RESERVE)) * nanosPerToken / 1e9;
            double wall = elapsed / 1e9;
            String b = "budget_efficiency";
            results.put(b, "jobs", jobs, "jobs");
            results.put(b, "time_scale", timeScale, "x");
            results.put(b, "budget_rate_per_min_scaled", rate, "req/min");
            results.put(b, "pages", outcome.pages(), "pages");
            results.put(b, "requests_used", requests, "requests");
            results.put(b, "requests_minimum", minimum, "requests");
            results.put(b, "requests_over_minimum", requests - minimum, "requests");
            results.put(b, "rate_limited_429", after.rateLimited() - before.rateLimited(), "responses");
            results.put(b, "wall_s", Results.round(wall, 3), "s");
            results.put(b, "bound_s", Results.round(bound, 3), "s");
            results.put(b, "bound_after_burst_s", Results.round(boundAfterBurst, 3), "s");
            results.put(b, "wall_over_bound", Results.round(wall / bound, 4), "ratio");
            results.put(b, "wall_over_bound_after_burst", Results.round(wall / boundAfterBurst, 4), "ratio");
            results.put(b, "wall_at_real_rate_min", Results.round(wall * timeScale / 60, 2), "min");
            results.put(b, "jobs_per_min_at_real_rate", Results.round(jobs / (wall * timeScale / 60), 0), "jobs/min");
        }
    }
}
