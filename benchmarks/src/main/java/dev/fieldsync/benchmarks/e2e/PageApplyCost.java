package dev.fieldsync.benchmarks.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import dev.fieldsync.adapters.memory.UnlimitedRateBudget;
import dev.fieldsync.adapters.persistence.wiring.PersistenceAdapters;
import dev.fieldsync.adapters.vertx.gateway.VertxGateway;
import dev.fieldsync.adapters.vertx.key.FixedKeySource;
import dev.fieldsync.benchmarks.harness.Databases;
import dev.fieldsync.benchmarks.harness.Stack;
import dev.fieldsync.domain.job.Job;
import dev.fieldsync.domain.sync.SyncCheckpoint;
import dev.fieldsync.domain.sync.SyncWindow;
import dev.fieldsync.ports.out.budget.Priority;
import dev.fieldsync.ports.out.gateway.JobPage;
import dev.fieldsync.ports.out.gateway.JobQuery;
import dev.fieldsync.ports.out.store.Jobs;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The PostgreSQL page apply against a raw batched {@code INSERT ... ON CONFLICT DO UPDATE} of the same rows, both
 * into a fresh, Flyway-migrated schema ({@code fs_job} with its indexes), page by page (100 jobs, one transaction a
 * page), over the same pages fetched once from the sandbox beforehand (no HTTP in the timed part), in interleaved
 * rounds whose medians are reported, and the best round of each side. The apply is
 * {@code Jobs.applyPage} as the service wires it (fingerprints, change log on, checkpoint in the transaction); the
 * raw side binds the same 32 columns per row (fingerprint included) as one JDBC batch per page (the pool's
 * {@code reWriteBatchedInserts=true} sends it as multi-row statements), with {@code synchronous_commit = off} as the
 * apply's page commits. One round: the apply, the raw upsert, then the apply with the change log off (the feed's
 * copy of every new job is a second row per job, which the raw upsert does not write).
 */
final class PageApplyCost {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS = "id_order, job_number, series_number, is_primary, title, title_folded, "
            + "status_id, status_name, synced_state, provisional_state, provisional_since, effective_state, "
            + "effective_open, start_time, start_at, end_time, customer_id, customer_name, site_id, site_address, "
            + "notes, custom_fields, external_id, purchase_order_number, project_id, job_type_id, fingerprint, "
            + "last_changed_at, first_seen_at, first_listed_before, integration_id, job_id";
    private static final String RAW_UPSERT = "INSERT INTO fs_job (" + COLUMNS + ") VALUES ("
            + "?, ".repeat(31) + "?) ON CONFLICT (integration_id, job_id) DO UPDATE SET "
            + String.join(
                    ", ",
                    List.of(COLUMNS.split(", ")).subList(0, 28).stream()
                            .map(c -> c + " = EXCLUDED." + c)
                            .toList());

    private PageApplyCost() {}

    static void run(Results results, String baseUrl, int jobs, int rounds) throws Exception {
        List<List<Job>> pages = fetchAll(baseUrl);
        long fetched = pages.stream().mapToLong(List::size).sum();
        if (fetched < jobs - 1) { // the window ends now: a job updated in its last second may miss it
            throw new IllegalStateException("fetched " + fetched + " jobs, the sandbox has " + jobs);
        }
        // Interleaved rounds, medians kept: on a shared machine a burst of other load hits one side of one round,
        // not every round of one side; the first round also warms this JVM's and PostgreSQL's code paths.
        List<Double> apply = new ArrayList<>();
        List<Double> raw = new ArrayList<>();
        List<Double> applyNoLog = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            apply.add(apply(pages, true));
            raw.add(raw(pages));
            applyNoLog.add(apply(pages, false));
            System.out.printf(
                    Locale.ROOT,
                    "   round %d: apply %.3f s, raw upsert %.3f s, apply without the change log %.3f s%n",
                    round + 1,
                    apply.get(round),
                    raw.get(round),
                    applyNoLog.get(round));
        }
        double applyS = median(apply);
        double rawS = median(raw);
        double applyNoLogS = median(applyNoLog);
        String b = "ingest";
        results.put(b, "apply_jobs", fetched, "jobs");
        results.put(b, "apply_rounds", rounds, "rounds");
        results.put(b, "apply_s", Results.round(applyS, 3), "s");
        results.put(b, "raw_upsert_s", Results.round(rawS, 3), "s");
        results.put(b, "apply_without_change_log_s", Results.round(applyNoLogS, 3), "s");
        results.put(b, "apply_jobs_per_s", Results.round(fetched / applyS, 0), "jobs/s");
        results.put(b, "raw_upsert_jobs_per_s", Results.round(fetched / rawS, 0), "jobs/s");
        results.put(b, "apply_without_change_log_jobs_per_s", Results.round(fetched / applyNoLogS, 0), "jobs/s");
        results.put(b, "apply_over_raw_throughput", Results.round(rawS / applyS, 3), "ratio");
        results.put(b, "apply_without_change_log_over_raw_throughput", Results.round(rawS / applyNoLogS, 3), "ratio");
        // The best round of each side too: the least disturbed one, where the machine is busy with other work.
        double applyBest = Collections.min(apply);
        double rawBest = Collections.min(raw);
        results.put(b, "apply_best_s", Results.round(applyBest, 3), "s");
        results.put(b, "raw_upsert_best_s", Results.round(rawBest, 3), "s");
        results.put(b, "apply_over_raw_throughput_best", Results.round(rawBest / applyBest, 3), "ratio");
        results.put(
                b,
                "apply_without_change_log_over_raw_throughput_best",
                Results.round(rawBest / Collections.min(applyNoLog), 3),
                "ratio");
    }

    /** The median of the rounds (the mean of the middle two for an even count). */
    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static List<List<Job>> fetchAll(String baseUrl) {
        try (VertxGateway gateway = VertxGateway.builder()
                .baseUrl(baseUrl)
                .keySource(FixedKeySource.of(Keys.FULL))
                .budget(new UnlimitedRateBudget())
                .build()) {
            Instant to = Instant.now();
            JobQuery query = JobQuery.updatedBetween(to.minus(365, ChronoUnit.DAYS), to);
            List<List<Job>> pages = new ArrayList<>();
            Optional<String> cursor = Optional.empty();
            do {
                JobPage page = gateway.listJobs(query, cursor, Priority.BACKGROUND);
                pages.add(page.jobs());
                cursor = page.nextCursor();
            } while (cursor.isPresent());
            return pages;
        }
    }

    /** {@code changeLog} false: {@code fieldsync.changes.enabled=false}, what the apply costs without the feed. */
    private static double apply(List<List<Job>> pages, boolean changeLog) {
        String schema = "bench_apply_" + System.nanoTime() % 1_000_000;
        try (HikariDataSource ds = Databases.postgresFreshSchema(schema, 4)) {
            Jobs jobs = PersistenceAdapters.migrateAndOpen(
                            ds, java.util.Map.of("fieldsync.changes.enabled", Boolean.toString(changeLog)))
                    .jobs();
            Instant now = Instant.now();
            SyncCheckpoint checkpoint = SyncCheckpoint.initial(Stack.INTEGRATION)
                    .startPass(new SyncWindow(now.minus(365, ChronoUnit.DAYS), now), now);
            long started = System.nanoTime();
            for (int i = 0; i < pages.size(); i++) {
                List<Job> page = pages.get(i);
                checkpoint = checkpoint.afterPage(
                        i + 1 < pages.size() ? Optional.of("page-" + (i + 1)) : Optional.empty(), page.size());
                jobs.applyPage(Stack.INTEGRATION, page, checkpoint, Instant.now());
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            if (jobs.count(Stack.INTEGRATION)
                    != pages.stream().mapToLong(List::size).sum()) {
                throw new IllegalStateException("the apply stored " + jobs.count(Stack.INTEGRATION) + " jobs");
            }
            return seconds;
        } finally {
            Databases.dropPostgresSchema(schema);
        }
    }

    private static double raw(List<List<Job>> pages) throws SQLException {
        String schema = "bench_raw_" + System.nanoTime() % 1_000_000;
        try (HikariDataSource ds = Databases.postgresFreshSchema(schema, 4)) {
            PersistenceAdapters.migrateAndOpen(ds, java.util.Map.of()); // the same fs_job, indexes and all
            long started = System.nanoTime();
            try (Connection c = ds.getConnection()) {
                c.setAutoCommit(false);
                try (Statement s = c.createStatement()) {
                    s.execute("SET synchronous_commit = off");
                }
                try (PreparedStatement upsert = c.prepareStatement(RAW_UPSERT)) {
                    for (List<Job> page : pages) {
                        Instant now = Instant.now();
                        for (Job job : page) {
                            bind(upsert, job, now);
                            upsert.addBatch();
                        }
                        upsert.executeBatch();
                        c.commit();
                    }
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            long stored;
            try (Connection c = ds.getConnection();
                    Statement count = c.createStatement();
                    java.sql.ResultSet row = count.executeQuery("SELECT COUNT(*) FROM fs_job")) {
                row.next();
                stored = row.getLong(1);
            }
            if (stored != pages.stream().mapToLong(List::size).sum()) {
                throw new IllegalStateException("the raw upsert stored " + stored + " jobs");
            }
            return seconds;
        } finally {
            Databases.dropPostgresSchema(schema);
        }
    }

    private static void bind(PreparedStatement s, Job job, Instant now) throws SQLException {
        int i = 1;
        s.setBigDecimal(i++, new BigDecimal(job.id().value()));
        s.setString(i++, job.number().value());
        s.setInt(i++, job.seriesNumber());
        s.setBoolean(i++, job.primary());
        s.setString(i++, job.title());
        s.setString(i++, job.title().toLowerCase(Locale.ROOT));
        s.setString(i++, job.status().id().value());
        s.setString(i++, job.status().name());
        s.setString(i++, job.state().name());
        s.setNull(i++, Types.VARCHAR);
        s.setNull(i++, Types.TIMESTAMP_WITH_TIMEZONE);
        s.setString(i++, job.state().name());
        s.setBoolean(i++, job.state().isOpen());
        s.setString(i++, job.startTime().map(OffsetDateTime::toString).orElse(null));
        if (job.startTime().isPresent()) {
            s.setObject(i++, job.startTime().get().withOffsetSameInstant(ZoneOffset.UTC));
        } else {
            s.setNull(i++, Types.TIMESTAMP_WITH_TIMEZONE);
        }
        s.setString(i++, job.endTime().map(OffsetDateTime::toString).orElse(null));
        s.setString(i++, job.customer().id().value());
        s.setString(i++, job.customer().name());
        s.setString(i++, job.site().id().value());
        s.setString(i++, job.site().address());
        s.setString(i++, job.notes());
        try {
            s.setString(i++, JSON.writeValueAsString(job.customFields()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        s.setString(i++, job.externalId().orElse(null));
        s.setString(i++, job.purchaseOrderNumber().orElse(null));
        s.setString(i++, job.project().map(p -> p.value()).orElse(null));
        s.setString(i++, job.jobType().map(t -> t.value()).orElse(null));
        s.setString(i++, job.fingerprint().hex());
        OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
        s.setObject(i++, at);
        s.setObject(i++, at);
        s.setObject(i++, at);
        s.setString(i++, Stack.INTEGRATION.value());
        s.setString(i, job.id().value());
    }
}
