package dev.fieldsync.benchmarks.e2e;

import dev.fieldsync.benchmarks.harness.Fleet;
import dev.fieldsync.benchmarks.harness.InstanceMeter;
import dev.fieldsync.benchmarks.harness.PassChains;
import dev.fieldsync.benchmarks.harness.ServiceProcess;
import dev.fieldsync.sandbox.SandboxJob;
import dev.fieldsync.sandbox.SandboxKeys;
import dev.fieldsync.sandbox.SandboxRequest;
import dev.fieldsync.sandbox.SandboxTenant;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * Issue 15's capacity benchmark: N integrations of M jobs each, their first syncs at once on one service instance
 * ({@link Fleet}) against the rate-limited sandbox at an accelerated time scale; then the idle steady state. Every
 * per-integration figure comes from that integration's tenant in the sandbox (its request log and counters), the
 * mirror from the instance's schema, the instance's cost from /proc and its /prometheus endpoint
 * ({@link InstanceMeter}).
 */
public final class FleetCapacity {
    /**
     * What a service's first sync reads besides its pages: one job, once, to learn the gateway's clock offset
     * ({@code SyncClock}). The lookups are not read by a sync (fetched when a write needs them).
     */
    static final int CLOCK_PROBE = 1;

    private static final int PAGE_SIZE = 100;

    private FleetCapacity() {}

    /** Sizes and durations; {@code settle} is waited after the first syncs before the idle window opens. */
    public record Options(
            int integrations, int jobs, int timeScale, Duration settle, Duration idle, String heap, Duration timeout) {
        /** 100 x 2,000 at 10x; the idle window opens one sync interval after the first syncs and lasts 3 minutes. */
        public static Options defaults() {
            return new Options(
                    100,
                    2_000,
                    10,
                    Duration.ofSeconds(Fleet.SYNC_INTERVAL_SECONDS / 10),
                    Duration.ofMinutes(3),
                    "1g",
                    Duration.ofMinutes(30));
        }
    }

    /**
     * One integration: its first sync (requests up to the end of its first complete pass, 429s over the whole run,
     * wall time from its first request to that pass's last page, the budget's bounds for that many requests) and
     * its idle window (requests, passes); whether its mirror holds exactly the tenant's jobs.
     */
    public record IntegrationRun(
            String id,
            int jobs,
            int mirrored,
            boolean mirrorExact,
            long requests,
            int firstPassPages,
            long minimum,
            long rateLimited,
            double wallSeconds,
            double boundSeconds,
            double boundAfterBurstSeconds,
            double doneAfterLaunchSeconds,
            long idleRequests,
            int idlePasses,
            Map<String, Long> firstSyncRequests) {
        public double wallOverBound() {
            return wallSeconds / boundSeconds;
        }
    }

    /** The instance over the first syncs (launch to every mirror complete) and over the idle window. */
    public record Instance(
            double syncWallSeconds,
            double syncCpuSeconds,
            double syncCpuPercentOfOneCore,
            double syncMachineBusyPercent,
            long heapAfterSyncBytes,
            long heapPeakBytes,
            int threadsPeak,
            double idleWallSeconds,
            double idleCpuPercentOfOneCore,
            double idleMachineBusyPercent,
            long idleHeapMinBytes,
            long idleHeapPeakBytes,
            int idleThreads,
            InstanceMeter.Peaks syncScrapes) {}

    public record Outcome(
            Options options,
            List<IntegrationRun> integrations,
            Instance instance,
            long defaultTenantRateLimited,
            int serviceLinesWithAKey,
            String loadAtStart,
            String loadAtEnd) {}

    /** Runs one measurement (sandbox, schema and instance are its own; all are gone when it returns). */
    public static Outcome measure(Options o) throws InterruptedException {
        String loadAtStart = BenchmarkMain.loadAverage();
        try (Fleet fleet = Fleet.prepare(o.integrations(), o.jobs(), o.timeScale())) {
            Instant launchedAt = Instant.now();
            ServiceProcess service = fleet.startService(o.heap());
            try (InstanceMeter meter = new InstanceMeter(
                    service.process().pid(), service.baseUrl(), fleet.apiToken(), Duration.ofSeconds(1))) {
                InstanceMeter.Mark launched = fleet.launched();
                awaitFirstSyncs(fleet, o.timeout());
                InstanceMeter.Mark synced = meter.mark();
                long heapAfterSync = meter.heapUsedBytes();
                InstanceMeter.Peaks syncPeaks = meter.resetPeaks();
                Thread.sleep(o.settle().toMillis());
                Instant idleFrom = Instant.now();
                InstanceMeter.Mark idleStart = meter.mark();
                meter.resetPeaks();
                Thread.sleep(o.idle().toMillis());
                Instant idleTo = Instant.now();
                InstanceMeter.Mark idleEnd = meter.mark();
                InstanceMeter.Peaks idlePeaks = meter.resetPeaks();
                Instance instance = new Instance(
                        launched.wallSeconds(synced),
                        synced.processCpuSeconds(),
                        launched.cpuPercentOfOneCore(synced),
                        launched.machineBusyPercent(synced),
                        heapAfterSync,
                        syncPeaks.peakHeapBytes(),
                        syncPeaks.peakThreads(),
                        idleStart.wallSeconds(idleEnd),
                        idleStart.cpuPercentOfOneCore(idleEnd),
                        idleStart.machineBusyPercent(idleEnd),
                        idlePeaks.minHeapBytes(),
                        idlePeaks.peakHeapBytes(),
                        idlePeaks.peakThreads(),
                        syncPeaks);
                List<IntegrationRun> runs = new ArrayList<>();
                Map<String, Integer> mirrored = fleet.mirrored();
                for (SandboxTenant tenant : fleet.tenants()) {
                    runs.add(integration(fleet, tenant, mirrored, launchedAt, idleFrom, idleTo));
                }
                return new Outcome(
                        o,
                        runs,
                        instance,
                        fleet.sandbox().tenants().defaultTenant().stats().rateLimited(),
                        linesWithASecret(service, fleet),
                        loadAtStart,
                        BenchmarkMain.loadAverage());
            }
        }
    }

    /** Waits until every tenant's log holds a complete pass and every mirror holds the tenant's job count. */
    private static void awaitFirstSyncs(Fleet fleet, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Set<String> waiting = new HashSet<>();
        fleet.tenants().forEach(t -> waiting.add(t.name()));
        while (System.nanoTime() < deadline) {
            Map<String, Integer> mirrored = fleet.mirrored();
            for (SandboxTenant tenant : fleet.tenants()) {
                if (waiting.contains(tenant.name())
                        && mirrored.getOrDefault(tenant.name(), 0) >= fleet.jobsOf(tenant)
                        && firstCompletePass(tenant.requests()) != null) {
                    waiting.remove(tenant.name());
                }
            }
            if (waiting.isEmpty()) {
                return;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(
                waiting.size() + " integrations without a complete first sync after " + timeout + ": " + waiting);
    }

    private static PassChains.Chain firstCompletePass(List<SandboxRequest> log) {
        return PassChains.of(log).stream()
                .filter(PassChains.Chain::complete)
                .findFirst()
                .orElse(null);
    }

    private static IntegrationRun integration(
            Fleet fleet,
            SandboxTenant tenant,
            Map<String, Integer> mirrored,
            Instant launchedAt,
            Instant idleFrom,
            Instant idleTo) {
        List<SandboxRequest> log = tenant.requests();
        PassChains.Chain first = firstCompletePass(log);
        long requests = log.stream().filter(r -> !r.at().isAfter(first.end())).count();
        long idleRequests = log.stream()
                .filter(r -> !r.at().isBefore(idleFrom) && r.at().isBefore(idleTo))
                .count();
        int idlePasses = (int) PassChains.of(log).stream()
                .filter(c -> !c.start().isBefore(idleFrom) && c.start().isBefore(idleTo))
                .count();
        double perSecond = Fleet.RATE_PER_MINUTE * fleet.timeScale() / 60.0;
        Set<String> expected = new HashSet<>();
        for (SandboxJob job : tenant.dump()) {
            expected.add(job.id());
        }
        int jobs = expected.size();
        return new IntegrationRun(
                tenant.name(),
                jobs,
                mirrored.getOrDefault(tenant.name(), 0),
                fleet.mirroredIds(tenant.name()).equals(expected),
                requests,
                first.pages(),
                (jobs + PAGE_SIZE - 1) / PAGE_SIZE + CLOCK_PROBE,
                tenant.stats().rateLimited(),
                Duration.between(log.get(0).at(), first.end()).toNanos() / 1e9,
                requests / perSecond,
                Math.max(0, requests - (Fleet.BURST - Fleet.RESERVE)) / perSecond,
                Duration.between(launchedAt, first.end()).toNanos() / 1e9,
                idleRequests,
                idlePasses,
                firstSync(log, first));
    }

    /** The first sync's requests by method, path, and for the job list the page size asked. */
    private static Map<String, Long> firstSync(List<SandboxRequest> log, PassChains.Chain first) {
        Map<String, Long> out = new TreeMap<>();
        log.stream()
                .filter(r -> !r.at().isAfter(first.end()))
                .forEach(r -> out.merge(r.method() + " " + r.path() + " " + r.status(), 1L, Long::sum));
        return out;
    }

    /** Lines of the instance's output that hold a key or its API token (must be none). */
    private static int linesWithASecret(ServiceProcess service, Fleet fleet) {
        List<String> keys = new ArrayList<>(List.of(SandboxKeys.FULL, fleet.apiToken()));
        for (int n = 1; n <= fleet.tenants().size(); n++) {
            keys.add(SandboxKeys.tenantKey(n));
        }
        return (int) service.process().lines().stream()
                .filter(line -> keys.stream().anyMatch(line::contains))
                .count();
    }

    /** Sorted values of one figure over the integrations: min, median, p90, max. */
    static double[] spread(List<IntegrationRun> runs, ToDoubleFunction<IntegrationRun> figure) {
        double[] v = runs.stream().mapToDouble(figure).sorted().toArray();
        if (v.length == 0) {
            return new double[] {Double.NaN, Double.NaN, Double.NaN, Double.NaN};
        }
        return new double[] {v[0], v[(v.length - 1) / 2], v[(int) Math.ceil(0.9 * v.length) - 1], v[v.length - 1]};
    }
}
