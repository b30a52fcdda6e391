package dev.fieldsync.benchmarks.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fieldsync.benchmarks.harness.ServiceProcess;
import dev.fieldsync.sandbox.GatewaySandbox;
import dev.fieldsync.sandbox.SandboxKeys;
import dev.fieldsync.sandbox.SandboxOptions;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input: seeded random JSON (wrong types, unknown and missing members, huge and empty strings, deep
 * nesting, broken syntax, invalid UTF-8, wrong content types) and random path/query values against every
 * REST endpoint and the webhook receiver of the built service. Every answer must be below 500, and API
 * errors must be problem documents. {@code -Dfieldsync.fuzz.requests=N} (default 400), {@code -Dfieldsync.fuzz.seed}.
 */
class BadInputFuzzTest {
    private static final String TOKEN = "tok_" + HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
    private static final String WEBHOOK_SECRET =
            "whsec_" + HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
    private static final String[] MEMBERS = {
        "site",
        "job_type",
        "title",
        "start_time",
        "end_time",
        "notes",
        "purchase_order_number",
        "external_id",
        "project",
        "custom_fields",
        "reason",
        "text",
        "customer",
        "business_name",
        "address",
        "first_name",
        "last_name",
        "mobile_number",
        "email",
        "url",
        "status",
        "id"
    };
    private static GatewaySandbox sandbox;
    private static ServiceProcess service;

    @TempDir
    static Path dir;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() {
        CapturedLogs.install();
        assertTrue(
                ServiceProcess.jar().isPresent(),
                "app-micronaut/target/fieldsync.jar is not built: run mvn -B -pl app-micronaut -am package -DskipTests first (mvn verify at the root does it)");
        sandbox = GatewaySandbox.start(
                SandboxOptions.defaults().seed(42).jobs(300).rateLimited(false).port(0));
        service = ServiceProcess.start(new ServiceProcess.Config(
                "fuzz-service",
                sandbox.baseUrl(),
                SandboxKeys.FULL,
                "jdbc:h2:file:" + dir.resolve("fuzz").toAbsolutePath() + ";MODE=PostgreSQL",
                "sa",
                "",
                false,
                26,
                "30s",
                TOKEN,
                WEBHOOK_SECRET));
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
            CapturedLogs.addChildOutput("fuzz-service", service.process().output());
        }
        if (sandbox != null) {
            sandbox.close();
        }
        CapturedLogs.assertNoSecret("the gateway key", SandboxKeys.FULL);
        CapturedLogs.assertNoSecret("the webhook secret", WEBHOOK_SECRET);
        CapturedLogs.assertNoSecret("the service token", TOKEN);
    }

    @Test
    void fuzzedRequestsNeverGetA5xx() throws Exception {
        long seed = Long.getLong("fieldsync.fuzz.seed", System.nanoTime());
        int count = Integer.getInteger("fieldsync.fuzz.requests", 400);
        System.out.println("FUZZ seed=" + seed + " (replay with -Dfieldsync.fuzz.seed=" + seed + ")");
        Random random = new Random(seed);
        Map<String, Integer> byStatus = new TreeMap<>();
        List<String> serverErrors = new ArrayList<>();
        List<String> notProblems = new ArrayList<>();
        long slowest = 0;
        String slowestRequest = "";
        for (int i = 0; i < count; i++) {
            HttpRequest request = request(random);
            long started = System.nanoTime();
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            long millis = (System.nanoTime() - started) / 1_000_000;
            if (millis > slowest) {
                slowest = millis;
                slowestRequest = request.method() + " " + request.uri().getRawPath();
            }
            byStatus.merge(request.method() + " " + r.statusCode() / 100 + "xx", 1, Integer::sum);
            String what = request.method() + " " + request.uri().getRawPath() + " -> " + r.statusCode() + " "
                    + abbreviate(r.body());
            if (r.statusCode() >= 500) {
                serverErrors.add(what);
            } else if (r.statusCode() >= 400
                    && request.uri().getPath().startsWith("/api/")
                    && !r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")) {
                notProblems.add(what + " content-type "
                        + r.headers().firstValue("Content-Type").orElse("none"));
            }
        }
        System.out.println("FUZZ RESULT requests=" + count + " by_status=" + byStatus + " server_errors="
                + serverErrors.size() + " non_problem_4xx=" + notProblems.size() + " slowest_ms=" + slowest + " ("
                + abbreviate(slowestRequest) + ")");
        serverErrors.stream().limit(10).forEach(e -> System.out.println("FUZZ 5XX " + e));
        notProblems.stream().limit(10).forEach(e -> System.out.println("FUZZ NOT-PROBLEM " + e));
        assertThat(serverErrors).as("answers of 500 or more").isEmpty();
        assertThat(notProblems).as("API errors that are not problem documents").isEmpty();
    }

    private HttpRequest request(Random random) {
        String id = randomId(random);
        int endpoint = random.nextInt(12);
        String path;
        String method;
        switch (endpoint) {
            case 0, 1, 2 -> {
                path = "/api/jobs";
                method = "POST";
            }
            case 3 -> {
                path = "/api/jobs/" + id;
                method = "PATCH";
            }
            case 4 -> {
                path = "/api/jobs/" + id + "/notes";
                method = "POST";
            }
            case 5 -> {
                path = "/api/jobs/" + id + "/cancel";
                method = "POST";
            }
            case 6 -> {
                path = "/api/sites";
                method = "POST";
            }
            case 7 -> {
                path = "/api/jobs?" + randomQuery(random);
                method = "GET";
            }
            case 8 -> {
                path = random.nextBoolean() ? "/api/jobs/" + id : "/api/submissions/" + id;
                method = "GET";
            }
            case 9 -> {
                path = "/api/verify?" + randomQuery(random);
                method = "GET";
            }
            case 10 -> {
                path = "/webhooks/fieldinsight";
                method = "POST";
            }
            default -> {
                path = random.nextBoolean() ? "/api/sync" : "/api/lookups?" + randomQuery(random);
                method = path.equals("/api/sync") ? "POST" : "GET";
            }
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(service.baseUrl() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + TOKEN);
        if (method.equals("GET")) {
            return b.GET().build();
        }
        byte[] body = body(random);
        String[] types = {
            "application/json",
            "application/json",
            "application/json",
            "text/plain",
            "application/xml",
            "application/json; charset=latin1",
            "multipart/form-data"
        };
        b.header("Content-Type", types[random.nextInt(types.length)]);
        if (path.startsWith("/webhooks")) {
            b.header("X-FI-Gateway-Event-Id", random.nextBoolean() ? "evt_" + random.nextInt() : headerText(random));
            if (random.nextBoolean()) {
                b.header(
                        "X-FI-Gateway-Signature",
                        random.nextBoolean()
                                ? "t=" + random.nextLong() + ",v1=" + headerText(random)
                                : headerText(random));
            }
        }
        return b.method(method, HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    private static byte[] body(Random random) {
        return switch (random.nextInt(10)) {
            case 0 -> new byte[0];
            case 1 -> "{\"title\": \"unterminated".getBytes(StandardCharsets.UTF_8);
            case 2 -> new byte[] {'{', '"', 't', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
            case 3 -> "[".repeat(5_000).getBytes(StandardCharsets.UTF_8);
            case 4 -> randomValue(random, 0).getBytes(StandardCharsets.UTF_8);
            default -> randomObject(random, 0).getBytes(StandardCharsets.UTF_8);
        };
    }

    private static String randomObject(Random random, int depth) {
        StringBuilder sb = new StringBuilder("{");
        int members = random.nextInt(8);
        for (int i = 0; i < members; i++) {
            if (i > 0) {
                sb.append(',');
            }
            String name = random.nextInt(5) == 0 ? randomString(random) : MEMBERS[random.nextInt(MEMBERS.length)];
            sb.append(quote(name)).append(':').append(randomValue(random, depth + 1));
        }
        return sb.append('}').toString();
    }

    private static String randomValue(Random random, int depth) {
        return switch (random.nextInt(depth > 3 ? 6 : 9)) {
            case 0 -> "null";
            case 1 -> Boolean.toString(random.nextBoolean());
            case 2 -> random.nextBoolean() ? Long.toString(random.nextLong()) : "1e999";
            case 3 -> quote(randomString(random));
            case 4 -> quote(random.nextBoolean() ? "2026-13-45T25:61:00+99:00" : "3065" + random.nextInt(1000));
            case 5 -> quote("x".repeat(random.nextInt(3) == 0 ? 100_000 : random.nextInt(300)));
            case 6 -> "[" + randomValue(random, depth + 1) + "," + randomValue(random, depth + 1) + "]";
            default -> randomObject(random, depth + 1);
        };
    }

    private static String randomString(Random random) {
        String alphabet = "abc XYZ 019 _-:/.\\\"'<>{}[]\u00e9\u4e2d\ud83d\ude00\u0000\t\n%$";
        StringBuilder sb = new StringBuilder();
        int n = random.nextInt(40);
        for (int i = 0; i < n; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    /** Printable ASCII only: what an HTTP client lets through in a header. */
    private static String headerText(Random random) {
        String alphabet = "abcXYZ019=,;_-:/. ";
        StringBuilder sb = new StringBuilder();
        int n = 1 + random.nextInt(80);
        for (int i = 0; i < n; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString().strip().isEmpty() ? "x" : sb.toString().strip();
    }

    private static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    private static String randomId(Random random) {
        return switch (random.nextInt(5)) {
            case 0 -> Integer.toString(21_170_000 + random.nextInt(400));
            case 1 -> "-1";
            case 2 -> "9".repeat(40);
            case 3 ->
                URLEncoder.encode(randomString(random), StandardCharsets.UTF_8).replace("+", "%20");
            default -> "abc";
        };
    }

    private static String randomQuery(Random random) {
        String[] names = {
            "state",
            "open",
            "status",
            "site",
            "customer",
            "number",
            "external_id",
            "start_from",
            "start_to",
            "title",
            "first_seen_from",
            "limit",
            "after",
            "refresh",
            "write",
            "job_type"
        };
        StringBuilder sb = new StringBuilder();
        int n = random.nextInt(4);
        for (int i = 0; i < n; i++) {
            String name = names[random.nextInt(names.length)];
            if (name.equals("write")) {
                continue; // the write test creates and cancels jobs: covered by the service's own tests
            }
            sb.append(i > 0 ? "&" : "")
                    .append(name)
                    .append('=')
                    .append(URLEncoder.encode(
                            random.nextBoolean() ? randomString(random) : Integer.toString(random.nextInt(2000) - 1000),
                            StandardCharsets.UTF_8));
        }
        return sb.toString();
    }

    private static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }
}
