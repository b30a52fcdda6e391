package dev.fieldsync.benchmarks.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import dev.fieldsync.adapters.memory.UnlimitedRateBudget;
import dev.fieldsync.adapters.vertx.gateway.VertxGateway;
import dev.fieldsync.adapters.vertx.key.FixedKeySource;
import dev.fieldsync.benchmarks.harness.Databases;
import dev.fieldsync.benchmarks.harness.SandboxProcess;
import dev.fieldsync.benchmarks.harness.Stack;
import dev.fieldsync.ports.in.sync.SyncProgressListener;
import dev.fieldsync.ports.out.budget.Priority;
import dev.fieldsync.ports.out.gateway.JobPage;
import dev.fieldsync.ports.out.gateway.JobQuery;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Benchmark 2: ingest with the limits off. In one run over the same sandbox and the same pages: the floor
 * (fetch and parse with the real gateway adapter, nothing stored), the real path into a file H2 and into a
 * fresh PostgreSQL schema, and a naive client (JDK HttpClient + Jackson tree + one autocommitted JDBC
 * upsert per job into PostgreSQL); then the page apply alone against a raw batched upsert ({@link PageApplyCost}).
 */
final class IngestSpeed {
    private static final ObjectMapper JSON = new ObjectMapper();

    private IngestSpeed() {}

    static void run(Results results, int jobs, Path work, boolean naive) throws Exception {
        run(results, jobs, work, naive, true, 3);
    }

    /**
     * The sandbox for a throughput measurement: no rate limit, and nobody working (no scheduling team moving jobs
     * along their states, no office edits), so every path is measured on the same jobs and each must store all of
     * them. With people on, a job updated while a long pass pages moves past its closed window (the next pass
     * would take it) and the count checks could not tell that from a lost job.
     */
    static List<String> stillWorld(int jobs) {
        return List.of(
                "--jobs",
                Integer.toString(jobs),
                "--seed",
                "42",
                "--no-rate-limit",
                "--scheduling-rate",
                "0",
                "--no-office-edits");
    }

    /** The page apply alone against the raw batched upsert ({@code BenchmarkMain --only apply}), no full passes. */
    static void applyOnly(Results results, int jobs, int rounds) throws Exception {
        System.out.println("== page apply: " + jobs + " jobs, fetched once, then applied into PostgreSQL");
        try (SandboxProcess sandbox = SandboxProcess.start("1g", stillWorld(jobs))) {
            results.put("ingest", "jobs", jobs, "jobs");
            PageApplyCost.run(results, sandbox.baseUrl(), jobs, rounds);
        }
    }

    /** {@code h2} false leaves out the real path into H2 (scripts/ingest-before-after.sh measures PostgreSQL only). */
    static void run(Results results, int jobs, Path work, boolean naive, boolean h2, int applyRounds) throws Exception {
        System.out.println("== ingest: " + jobs + " jobs, rate limit off");
        boolean pg = Databases.postgresAvailable();
        try (SandboxProcess sandbox = SandboxProcess.start("1g", stillWorld(jobs))) {
            String b = "ingest";
            results.put(b, "jobs", jobs, "jobs");
            // warm the sandbox's and this JVM's code paths on a short walk first
            floor(sandbox.baseUrl(), 20);
            double floor1 = floor(sandbox.baseUrl(), Integer.MAX_VALUE);
            results.put(b, "floor_first_s", Results.round(floor1, 3), "s");
            double h2Seconds = h2
                    ? realPath(
                            sandbox.baseUrl(), Databases.h2File(work.resolve("ingest-" + System.nanoTime()), 4), jobs)
                    : Double.NaN;
            if (h2) {
                results.put(b, "h2_s", Results.round(h2Seconds, 3), "s");
            }
            double postgres = Double.NaN;
            double naiveSeconds = Double.NaN;
            if (pg) {
                String schema = "bench_ingest_" + System.currentTimeMillis() % 1_000_000;
                postgres = realPath(sandbox.baseUrl(), Databases.postgresFreshSchema(schema, 4), jobs);
                Databases.dropPostgresSchema(schema);
                results.put(b, "postgres_s", Results.round(postgres, 3), "s");
                if (naive) {
                    String naiveSchema = "bench_naive_" + System.currentTimeMillis() % 1_000_000;
                    try (HikariDataSource ds = Databases.postgresFreshSchema(naiveSchema, 1)) {
                        naiveSeconds = naive(sandbox.baseUrl(), ds, jobs);
                    }
                    Databases.dropPostgresSchema(naiveSchema);
                    results.put(b, "naive_postgres_s", Results.round(naiveSeconds, 3), "s");
                }
                PageApplyCost.run(
                        results, sandbox.baseUrl(), jobs, applyRounds); // the apply alone vs a raw batched upsert
            } else {
                results.put(b, "postgres_s", "skipped: PostgreSQL not reachable at " + Databases.PG_URL, "");
            }
            double floor2 = floor(sandbox.baseUrl(), Integer.MAX_VALUE);
            results.put(b, "floor_second_s", Results.round(floor2, 3), "s");
            double floorTime = (floor1 + floor2) / 2;
            results.put(b, "floor_s", Results.round(floorTime, 3), "s");
            results.put(b, "floor_jobs_per_s", Results.round(jobs / floorTime, 0), "jobs/s");
            if (h2) {
                results.put(b, "h2_jobs_per_s", Results.round(jobs / h2Seconds, 0), "jobs/s");
                results.put(b, "h2_over_floor", Results.round(h2Seconds / floorTime, 3), "ratio");
            }
            if (pg) {
                results.put(b, "postgres_jobs_per_s", Results.round(jobs / postgres, 0), "jobs/s");
                results.put(b, "postgres_over_floor", Results.round(postgres / floorTime, 3), "ratio");
                if (naive) {
                    results.put(b, "naive_postgres_jobs_per_s", Results.round(jobs / naiveSeconds, 0), "jobs/s");
                    results.put(b, "naive_over_floor", Results.round(naiveSeconds / floorTime, 3), "ratio");
                    results.put(b, "naive_over_real_postgres", Results.round(naiveSeconds / postgres, 3), "ratio");
                }
            }
        }
    }

    /** The same window the first pass uses (horizon 365 days back from now), walked page by page, nothing stored. */
    static double floor(String baseUrl, int maxPages) {
        try (VertxGateway gateway = VertxGateway.builder()
                .baseUrl(baseUrl)
                .keySource(FixedKeySource.of(Keys.FULL))
                .budget(new UnlimitedRateBudget())
                .build()) {
            Instant to = Instant.now();
            JobQuery query = JobQuery.updatedBetween(to.minus(365, ChronoUnit.DAYS), to);
            long started = System.nanoTime();
            Optional<String> cursor = Optional.empty();
            long seen = 0;
            int pages = 0;
            do {
                JobPage page = gateway.listJobs(query, cursor, Priority.BACKGROUND);
                seen += page.jobs().size();
                cursor = page.nextCursor();
                pages++;
            } while (cursor.isPresent() && pages < maxPages);
            if (seen == 0) {
                throw new IllegalStateException("the floor walked no jobs");
            }
            return (System.nanoTime() - started) / 1e9;
        }
    }

    private static double realPath(String baseUrl, DataSource dataSource, int jobs) {
        try (Stack stack =
                Stack.sql(Stack.Options.of(baseUrl, Keys.FULL, new UnlimitedRateBudget()), dataSource, true)) {
            long started = System.nanoTime();
            stack.core().lookups().refresh();
            stack.core().syncJobs().runPass(SyncProgressListener.NONE);
            double seconds = (System.nanoTime() - started) / 1e9;
            long mirrored = stack.mirrored();
            // The first pass's window ends on the gateway's clock: a job updated in its last second may fall after it.
            if (mirrored < jobs - 1 || mirrored > jobs) {
                throw new IllegalStateException("the mirror holds " + mirrored + " jobs, the sandbox " + jobs);
            }
            return seconds;
        }
    }

    /** What a first client usually looks like: a blocking HTTP client, a JSON tree, one insert per job. */
    private static double naive(String baseUrl, DataSource dataSource, int jobs) throws Exception {
        HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        Instant to = Instant.now();
        String window = "state=all&page_size=100&updated_at_from="
                + enc(to.minus(365, ChronoUnit.DAYS).toString()) + "&updated_at_to=" + enc(to.toString());
        long stored = 0;
        long started = System.nanoTime();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE naive_jobs (id TEXT PRIMARY KEY, number TEXT, title TEXT, status_id TEXT,"
                        + " state TEXT, start_time TEXT, end_time TEXT, customer_id TEXT, site_id TEXT, address TEXT,"
                        + " notes TEXT, custom_fields TEXT)");
            }
            String sql = "INSERT INTO naive_jobs VALUES (?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT (id) DO UPDATE SET"
                    + " number=EXCLUDED.number, title=EXCLUDED.title, status_id=EXCLUDED.status_id, state=EXCLUDED.state,"
                    + " start_time=EXCLUDED.start_time, end_time=EXCLUDED.end_time, customer_id=EXCLUDED.customer_id,"
                    + " site_id=EXCLUDED.site_id, address=EXCLUDED.address, notes=EXCLUDED.notes,"
                    + " custom_fields=EXCLUDED.custom_fields";
            try (PreparedStatement insert = c.prepareStatement(sql)) {
                String cursor = null;
                do {
                    String url = baseUrl + "/v1/jobs?" + window + (cursor == null ? "" : "&cursor=" + enc(cursor));
                    HttpResponse<String> r = http.send(
                            HttpRequest.newBuilder(URI.create(url))
                                    .header("Authorization", "Bearer " + Keys.FULL)
                                    .timeout(Duration.ofSeconds(30))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() != 200) {
                        throw new IllegalStateException("naive client got " + r.statusCode());
                    }
                    JsonNode page = JSON.readTree(r.body());
                    for (JsonNode j : page.path("jobs")) {
                        insert.setString(1, j.path("id").asText());
                        insert.setString(2, j.path("number").asText());
                        insert.setString(3, j.path("title").asText());
                        insert.setString(4, j.path("status").path("id").asText());
                        insert.setString(5, j.path("status").path("state").asText());
                        insert.setString(6, j.path("start_time").asText(null));
                        insert.setString(7, j.path("end_time").asText(null));
                        insert.setString(8, j.path("customer").path("id").asText());
                        insert.setString(9, j.path("site").path("id").asText());
                        insert.setString(10, j.path("site").path("address").asText());
                        insert.setString(11, j.path("notes").asText());
                        insert.setString(12, j.path("custom_fields").toString());
                        insert.executeUpdate();
                        stored++;
                    }
                    JsonNode next = page.path("next_cursor");
                    cursor = next.isTextual() && !next.asText().isEmpty() ? next.asText() : null;
                } while (cursor != null);
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        if (stored < jobs - 1 || stored > jobs) { // the window ends now: a job updated in its last second may miss it
            throw new IllegalStateException("the naive client stored " + stored + " of " + jobs);
        }
        return seconds;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
