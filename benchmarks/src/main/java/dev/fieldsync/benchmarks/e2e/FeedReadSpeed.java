package dev.fieldsync.benchmarks.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fieldsync.benchmarks.harness.Databases;
import dev.fieldsync.benchmarks.harness.ServiceProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * Reading the feed over REST: the built service ({@code fieldsync.jar serve} in a child JVM, as a user runs it) on a
 * PostgreSQL schema a first sync filled with the change log on, paged through with {@code GET /api/changes?after=
 * &limit=1000} from sequence 0 to the end, one request after the other, following each answer's {@code next} link.
 * The first walk warms the service's JIT; the second is the figure.
 */
final class FeedReadSpeed {
    static final String TOKEN = "bench-feed-token-4f1c2a9e"; // a benchmark's own service token, never printed
    private static final ObjectMapper JSON = new ObjectMapper();

    private FeedReadSpeed() {}

    static void run(Results results, String sandboxUrl, String schema, long changes) throws Exception {
        String b = "changes_read";
        String dbUrl = Databases.PG_URL + (Databases.PG_URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        ServiceProcess.Config config = new ServiceProcess.Config(
                "service-feed",
                sandboxUrl,
                Keys.FULL,
                dbUrl,
                Databases.PG_USER,
                Databases.PG_PASSWORD,
                false,
                1,
                "24h",
                TOKEN,
                "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        // The service as deployed: the JIT's optimising tier (the reliability tests' instances stop at C1).
        // -Dfieldsync.bench.service-options="-XX:StartFlightRecording=filename=service.jfr" adds options (profiling).
        List<String> options = new java.util.ArrayList<>(List.of("-Xmx1g"));
        String extra = System.getProperty("fieldsync.bench.service-options", "").trim();
        if (!extra.isEmpty()) {
            options.addAll(List.of(extra.split("\\s+")));
        }
        try (ServiceProcess service = ServiceProcess.start(config, options)) {
            HttpClient http = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10))
                    .build();
            results.put(b, "changes_in_log", changes, "changes");
            for (int walk = 1; walk <= 2; walk++) {
                Walk w = walk(http, service.baseUrl());
                if (w.changes() < changes) {
                    throw new IllegalStateException("walk " + walk + " read " + w.changes() + " changes of " + changes);
                }
                results.put(b, "walk" + walk + "_s", Results.round(w.seconds(), 3), "s");
                results.put(
                        b, "walk" + walk + "_changes_per_s", Results.round(w.changes() / w.seconds(), 0), "changes/s");
                results.put(b, "walk" + walk + "_requests", w.requests(), "requests");
                results.put(b, "walk" + walk + "_p99_page_ms", Results.round(w.p99PageMillis(), 1), "ms");
            }
        }
    }

    private record Walk(long changes, int requests, double seconds, double p99PageMillis) {}

    private static Walk walk(HttpClient http, String baseUrl) throws Exception {
        String next = "/api/changes?after=0&limit=1000";
        long read = 0;
        long lastSequence = 0;
        java.util.List<Long> pageNanos = new java.util.ArrayList<>();
        long started = System.nanoTime();
        while (next != null) {
            long sent = System.nanoTime();
            HttpResponse<byte[]> answer = http.send(
                    HttpRequest.newBuilder(URI.create(baseUrl + next))
                            .header("Authorization", "Bearer " + TOKEN)
                            .timeout(Duration.ofSeconds(60))
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException("GET " + next + " answered " + answer.statusCode());
            }
            JsonNode page = JSON.readTree(answer.body());
            pageNanos.add(System.nanoTime() - sent);
            JsonNode found = page.path("changes");
            for (JsonNode change : found) {
                long sequence = change.path("sequence").asLong();
                if (sequence <= lastSequence) {
                    throw new IllegalStateException("sequence " + sequence + " after " + lastSequence);
                }
                lastSequence = sequence;
            }
            read += found.size();
            next = found.isEmpty() ? null : page.path("next").asText(null);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        pageNanos.sort(null);
        double p99 = pageNanos.get(Math.min(pageNanos.size() - 1, (int) Math.ceil(pageNanos.size() * 0.99) - 1)) / 1e6;
        return new Walk(read, pageNanos.size(), seconds, p99);
    }
}
