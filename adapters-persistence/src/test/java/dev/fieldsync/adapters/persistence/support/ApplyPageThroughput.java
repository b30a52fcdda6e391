package dev.fieldsync.adapters.persistence.support;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.fieldsync.adapters.persistence.wiring.PersistenceAdapters;
import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.domain.job.Job;
import dev.fieldsync.domain.sync.SyncCheckpoint;
import dev.fieldsync.domain.sync.SyncWindow;
import dev.fieldsync.ports.out.store.Jobs;
import dev.fieldsync.ports.out.store.contract.Fixtures;
import java.time.Instant;
import java.util.List;
import java.util.stream.LongStream;

/**
 * Measures {@code Jobs.applyPage} throughput: 10,000 jobs in pages of 100 (the gateway's page size), first all new,
 * then the same pages again (all unchanged), then all changed (new notes), after a warm-up. Not a test: run it by
 * hand or through {@code measure-applypage.sh}, see the README. Arguments: {@code h2|pg [jobs]}. With 20,000 jobs or
 * more it also prints the new-job pass rate of its first and last 10,000 jobs (does a page cost grow with the table?).
 */
public final class ApplyPageThroughput {
    private static final int PAGE = 100;
    /** Jobs per segment of the new-job pass whose rates are printed first and last (the table grows meanwhile). */
    private static final int SEGMENT = 10_000;

    private static final List<Double> newPassSegments = new java.util.ArrayList<>();

    public static void main(String[] args) throws Exception {
        String kind = args.length > 0 ? args[0] : "h2";
        int total = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        try (TestDatabase database = kind.equals("pg") ? TestDatabase.postgres() : TestDatabase.h2()) {
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(database.url());
            config.setUsername(database.user());
            config.setMaximumPoolSize(4);
            try (HikariDataSource pool = new HikariDataSource(config)) {
                Jobs jobs = PersistenceAdapters.migrateAndOpen(pool).jobs();
                IntegrationId warmUp = Fixtures.newIntegration(); // JIT and statement caches, on every path
                for (String notes : List.of("", "", " (warm-up)")) {
                    pass(jobs, warmUp, 2_000, notes);
                }
                IntegrationId integration = Fixtures.newIntegration();
                newPassSegments.clear();
                double fresh = pass(jobs, integration, total, "");
                List<Double> segments = List.copyOf(newPassSegments);
                double unchanged = pass(jobs, integration, total, "");
                double changed = pass(jobs, integration, total, " (revisited)");
                System.out.printf(
                        "%s applyPage %d jobs: new %.0f jobs/s, unchanged %.0f jobs/s, changed %.0f jobs/s"
                                + " (building and fingerprinting the jobs alone: %.0f jobs/s)%n",
                        kind, total, fresh, unchanged, changed, withoutStore(total));
                if (segments.size() > 1) {
                    System.out.printf(
                            "%s new-job pass by segment of %d: first %.0f jobs/s, last %.0f jobs/s%n",
                            kind, SEGMENT, segments.get(0), segments.get(segments.size() - 1));
                }
            }
        }
    }

    /** The part of each pass that is not the store: building the fixture jobs and their SHA-256 fingerprints. */
    private static double withoutStore(int total) {
        long started = System.nanoTime();
        int hash = 0;
        for (int from = 1; from <= total; from += PAGE) {
            for (Job job : LongStream.range(from, Math.min(total + 1, from + PAGE))
                    .mapToObj(Fixtures::job)
                    .toList()) {
                hash += job.fingerprint().hex().hashCode();
            }
        }
        double rate = total / ((System.nanoTime() - started) / 1e9);
        return hash == 42 ? rate + 1e-9 : rate; // keeps the loop from being optimised away
    }

    /** Applies jobs 1..total; a non-empty {@code notesSuffix} changes every job's notes (and so its fingerprint). */
    private static double pass(Jobs jobs, IntegrationId integration, int total, String notesSuffix) {
        SyncCheckpoint checkpoint = SyncCheckpoint.initial(integration)
                .startPass(new SyncWindow(Fixtures.T0.minusSeconds(3600), Fixtures.T0), Fixtures.T0);
        long started = System.nanoTime();
        long segmentStarted = started;
        for (int from = 1; from <= total; from += PAGE) {
            if (from > 1 && (from - 1) % SEGMENT == 0) {
                long now = System.nanoTime();
                newPassSegments.add(SEGMENT / ((now - segmentStarted) / 1e9));
                segmentStarted = now;
            }
            List<Job> page = LongStream.range(from, Math.min(total + 1, from + PAGE))
                    .mapToObj(Fixtures::job)
                    .map(job -> notesSuffix.isEmpty() ? job : job.withNotes(job.notes() + notesSuffix))
                    .toList();
            checkpoint = checkpoint.afterPage(java.util.Optional.of("c" + from), page.size());
            jobs.applyPage(integration, page, checkpoint, Instant.now());
        }
        long ended = System.nanoTime();
        if (total % SEGMENT == 0) {
            newPassSegments.add(SEGMENT / ((ended - segmentStarted) / 1e9));
        }
        return total / ((ended - started) / 1e9);
    }
}
