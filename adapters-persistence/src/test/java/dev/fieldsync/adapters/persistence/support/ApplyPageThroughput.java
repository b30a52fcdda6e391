package dev.fieldsync.adapters.persistence.support;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.fieldsync.adapters.persistence.wiring.PersistenceAdapters;
import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.domain.job.Job;
import dev.fieldsync.domain.sync.SyncCheckpoint;
import dev.fieldsync.domain.sync.SyncWindow;
import dev.fieldsync.ports.out.store.Jobs;
import java.time.Instant;
import java.util.List;
import java.util.stream.LongStream;

/**
 * Measures {@code Jobs.applyPage} throughput: 10,000 jobs in pages of 100 (the gateway's page size), first all new,
 * then the same pages again (all unchanged), then all changed (new notes), after a warm-up. Not a test: run it by
 * hand or through {@code measure-applypage.sh}, see the README. Arguments: {@code h2|pg [jobs]}.
 */
public final class ApplyPageThroughput {
    private static final int PAGE = 100;

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
                IntegrationId warmUp = Fixtures.newIntegration();   // JIT and statement caches, on every path
                for (String notes : List.of("", "", " (warm-up)")) {
                    pass(jobs, warmUp, 2_000, notes);
                }
                IntegrationId integration = Fixtures.newIntegration();
                double fresh = pass(jobs, integration, total, "");
                double unchanged = pass(jobs, integration, total, "");
                double changed = pass(jobs, integration, total, " (revisited)");
                System.out.printf("%s applyPage %d jobs: new %.0f jobs/s, unchanged %.0f jobs/s, changed %.0f jobs/s"
                        + " (building and fingerprinting the jobs alone: %.0f jobs/s)%n",
                        kind, total, fresh, unchanged, changed, withoutStore(total));
            }
        }
    }

    /** The part of each pass that is not the store: building the fixture jobs and their SHA-256 fingerprints. */
    private static double withoutStore(int total) {
        long started = System.nanoTime();
        int hash = 0;
        for (int from = 1; from <= total; from += PAGE) {
            for (Job job : LongStream.range(from, Math.min(total + 1, from + PAGE)).mapToObj(Fixtures::job).toList()) {
                hash += job.fingerprint().hex().hashCode();
            }
        }
        double rate = total / ((System.nanoTime() - started) / 1e9);
        return hash == 42 ? rate + 1e-9 : rate;   // keeps the loop from being optimised away
    }

    /** Applies jobs 1..total; a non-empty {@code notesSuffix} changes every job's notes (and so its fingerprint). */
    private static double pass(Jobs jobs, IntegrationId integration, int total, String notesSuffix) {
        SyncCheckpoint checkpoint = SyncCheckpoint.initial(integration)
                .startPass(new SyncWindow(Fixtures.T0.minusSeconds(3600), Fixtures.T0), Fixtures.T0);
        long started = System.nanoTime();
        for (int from = 1; from <= total; from += PAGE) {
            List<Job> page = LongStream.range(from, Math.min(total + 1, from + PAGE)).mapToObj(Fixtures::job)
                    .map(job -> notesSuffix.isEmpty() ? job : job.withNotes(job.notes() + notesSuffix)).toList();
            checkpoint = checkpoint.afterPage(java.util.Optional.of("c" + from), page.size());
            jobs.applyPage(integration, page, checkpoint, Instant.now());
        }
        return total / ((System.nanoTime() - started) / 1e9);
    }
}
