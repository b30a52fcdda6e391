package dev.fieldsync.benchmarks.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The sandbox's admin/oracle API ({@code /_sandbox/*}) over plain HTTP, so the benchmarks and the
 * reliability suite read the sandbox's own counters whether it runs embedded or in another JVM.
 */
public final class SandboxAdmin {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String baseUrl;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public SandboxAdmin(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** {@code GET /_sandbox/stats}. */
    public Stats stats() {
        JsonNode n = get("/_sandbox/stats");
        Map<String, Long> perKey = new HashMap<>();
        n.path("requests_last_minute_by_key")
                .fields()
                .forEachRemaining(e -> perKey.put(e.getKey(), e.getValue().asLong()));
        return new Stats(
                n.path("total_requests").asLong(),
                n.path("rate_limited").asLong(),
                perKey,
                n.path("jobs").asLong());
    }

    /** Totals, 429s, requests of each key in the last (scaled) minute, and the number of jobs. */
    public record Stats(long totalRequests, long rateLimited, Map<String, Long> lastMinuteByKey, long jobs) {
        public long maxLastMinute() {
            return lastMinuteByKey.values().stream()
                    .mapToLong(Long::longValue)
                    .max()
                    .orElse(0);
        }
    }

    /** {@code PUT /_sandbox/settings} with a partial JSON object. */
    public void settings(String json) {
        send("PUT", "/_sandbox/settings", json);
    }

    /** {@code PUT /_sandbox/faults} with a partial JSON object ({@code "reset": true} resets first). */
    public void faults(String json) {
        send("PUT", "/_sandbox/faults", json);
    }

    public void seed(long seed, int jobs) {
        send("POST", "/_sandbox/seed", "{\"seed\":" + seed + ",\"jobs\":" + jobs + "}");
    }

    public void reset() {
        send("POST", "/_sandbox/reset", "{}");
    }

    public int touch(int count) {
        return send("POST", "/_sandbox/touch", "{\"count\":" + count + "}")
                .path("touched")
                .asInt();
    }

    /** {@code GET /_sandbox/duplicates}: external ids carried by more than one job. */
    public Map<String, List<String>> duplicates() {
        Map<String, List<String>> out = new HashMap<>();
        for (JsonNode d : get("/_sandbox/duplicates").path("duplicates")) {
            List<String> ids = new ArrayList<>();
            d.path("job_ids").forEach(id -> ids.add(id.asText()));
            out.put(d.path("external_id").asText(), ids);
        }
        return out;
    }

    /**
     * {@code GET /_sandbox/dump}: one summary per job (id, title, state, external id, notes). The whole body must
     * arrive within two minutes; a stalled stream is retried twice on a new connection, then reported.
     */
    public Map<String, DumpedJob> dump() {
        IllegalStateException last = null;
        for (int attempt = 1; attempt <= 3; attempt++) {
            try {
                String body = HttpClient.newBuilder()
                        .connectTimeout(Duration.ofSeconds(5))
                        .build()
                        .sendAsync(request("/_sandbox/dump").GET().build(), HttpResponse.BodyHandlers.ofString())
                        .orTimeout(2, java.util.concurrent.TimeUnit.MINUTES)
                        .join()
                        .body();
                Map<String, DumpedJob> jobs = new HashMap<>();
                for (String line : body.split("\n")) {
                    if (line.isBlank()) {
                        continue;
                    }
                    JsonNode j = JSON.readTree(line);
                    String ext = j.path("external_id").isTextual()
                            ? j.path("external_id").asText()
                            : "";
                    jobs.put(
                            j.path("id").asText(),
                            new DumpedJob(
                                    j.path("id").asText(),
                                    j.path("title").asText(),
                                    j.path("status").path("state").asText(),
                                    ext,
                                    j.path("notes").asText(),
                                    j.path("out_of_scope").asBoolean(false)));
                }
                return jobs;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (java.util.concurrent.CompletionException e) {
                last = new IllegalStateException("GET /_sandbox/dump did not complete (attempt " + attempt + ")", e);
                System.out.println(last.getMessage());
            }
        }
        throw last;
    }

    /** The oracle's view of one job; {@code outOfScope}: no key lists it (a mirror should hold it as gone). */
    public record DumpedJob(
            String id, String title, String state, String externalId, String notes, boolean outOfScope) {}

    private JsonNode get(String path) {
        return exchange(request(path).GET().build());
    }

    private JsonNode send(String method, String path, String body) {
        return exchange(request(path)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(60));
    }

    private JsonNode exchange(HttpRequest request) {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 != 2) {
                throw new IllegalStateException(request.method() + " "
                        + request.uri().getPath() + " answered " + r.statusCode() + ": " + r.body());
            }
            return r.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
