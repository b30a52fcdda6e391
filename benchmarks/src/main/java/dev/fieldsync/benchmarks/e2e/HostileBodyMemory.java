package dev.fieldsync.benchmarks.e2e;

import dev.fieldsync.benchmarks.harness.ChildProcess;
import dev.fieldsync.sandbox.GatewaySandbox;
import dev.fieldsync.sandbox.SandboxOptions;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Issue 19, row 1: what one hostile {@code POST /api/jobs} costs the built service. Each jar given is started as
 * {@code java -jar <jar> serve} (default heap, as a user would run it; GC logged to a file) against the sandbox;
 * after start-up and a full GC the same 10.4 MB body of 880,000 unknown members is posted once, then the answer's
 * status and size, the process's resident memory (now and peak), the heap's peak (the largest heap before a GC
 * in the GC log) and the heap still used after a full GC are printed as one RESULT line per jar.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.fieldsync.benchmarks.e2e.HostileBodyMemory [--members N] JAR [JAR...]</pre>
 *
 * {@code --members 80000} posts a body that fits the default 1 MB request limit instead (0.9 MB).
 */
public final class HostileBodyMemory {
    private static final Pattern PORT = Pattern.compile("serving on port (\\d+)");
    private static final Pattern GC_HEAP = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");
    private static final Pattern HEAP_USED = Pattern.compile("total (\\d+)K, used (\\d+)K");
    private static final int DEFAULT_MEMBERS = 880_000;

    private HostileBodyMemory() {}

    public static void main(String[] args) throws Exception {
        List<String> jars = new java.util.ArrayList<>(List.of(args));
        int members = DEFAULT_MEMBERS;
        if (jars.size() > 1 && jars.get(0).equals("--members")) {
            members = Integer.parseInt(jars.get(1));
            jars = jars.subList(2, jars.size());
        }
        String body = body(members);
        System.out.println("body: " + members + " unknown members, " + body.length() + " bytes");
        try (GatewaySandbox sandbox = GatewaySandbox.start(
                SandboxOptions.defaults().seed(42).jobs(100).rateLimited(false).port(0))) {
            for (String jar : jars) {
                System.out.println(measure(Path.of(jar), sandbox.baseUrl(), body));
            }
        }
    }

    static String measure(Path jar, String gatewayUrl, String body) throws Exception {
        Path work = Files.createTempDirectory("hostile-body-");
        Path gcLog = work.resolve("gc.log");
        String token = "tok_" + HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xlog:gc:file=" + gcLog,
                "-jar",
                jar.toString(),
                "serve",
                "--port",
                "0");
        Map<String, String> env = Map.of(
                "FIELDSYNC_API_KEY",
                Keys.FULL,
                "FIELDSYNC_GATEWAY_URL",
                gatewayUrl,
                "FIELDSYNC_DB_URL",
                "jdbc:h2:file:" + work.resolve("db/fieldsync") + ";MODE=PostgreSQL;WRITE_DELAY=0",
                "FIELDSYNC_API_TOKEN",
                token,
                "FIELDSYNC_SYNC_ENABLED",
                "false",
                "FIELDSYNC_INTEGRATION_ID",
                "hostile");
        try (ChildProcess service = ChildProcess.startWith("hostile-service", new ProcessBuilder(command), env)) {
            Matcher port =
                    PORT.matcher(service.awaitLine(line -> PORT.matcher(line).find(), Duration.ofSeconds(90)));
            port.find();
            String url = "http://127.0.0.1:" + port.group(1) + "/api/jobs";
            HttpClient client =
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            // Warm the route with a small bad body, then start from a collected heap.
            client.send(post(url, token, "{\"x\":1}"), HttpResponse.BodyHandlers.ofString());
            long pid = service.pid();
            long heapBefore = heapUsedAfterFullGc(pid);
            long rssBefore = procStatus(pid, "VmRSS");
            int gcLinesBefore = Files.readAllLines(gcLog).size();

            long started = System.nanoTime();
            int status;
            long answerBytes;
            try {
                HttpResponse<byte[]> answer =
                        client.send(post(url, token, body), HttpResponse.BodyHandlers.ofByteArray());
                status = answer.statusCode();
                answerBytes = answer.body().length;
            } catch (IOException refusedMidBody) {
                status = -1; // the service closed the connection before the whole body was sent
                answerBytes = 0;
            }
            long millis = (System.nanoTime() - started) / 1_000_000;
            long rssAfter = procStatus(pid, "VmRSS");
            long rssPeak = procStatus(pid, "VmHWM");
            long heapPeak = heapPeakMb(
                    Files.readAllLines(gcLog).stream().skip(gcLinesBefore).toList());
            long heapRetained = heapUsedAfterFullGc(pid);
            return String.format(
                    "RESULT jar=%s status=%d answer_bytes=%d millis=%d heap_used_before_mb=%d "
                            + "heap_peak_before_gc_mb=%s heap_used_after_full_gc_mb=%d rss_before_mb=%d rss_after_mb=%d "
                            + "rss_peak_mb=%d",
                    jar.getFileName(),
                    status,
                    answerBytes,
                    millis,
                    heapBefore / 1024,
                    heapPeak < 0 ? "no-gc" : Long.toString(heapPeak),
                    heapRetained / 1024,
                    rssBefore / 1024,
                    rssAfter / 1024,
                    rssPeak / 1024);
        }
    }

    static String body(int members) {
        StringBuilder body = new StringBuilder(members * 12).append('{');
        for (int i = 0; i < members; i++) {
            body.append(i == 0 ? "" : ",").append("\"u").append(i).append("\":1");
        }
        return body.append('}').toString();
    }

    private static HttpRequest post(String url, String token, String body) {
        return HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofMinutes(5))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    /** Heap in use (KB) after {@code jcmd <pid> GC.run}. */
    private static long heapUsedAfterFullGc(long pid) throws Exception {
        jcmd(pid, "GC.run");
        Matcher used = HEAP_USED.matcher(jcmd(pid, "GC.heap_info"));
        if (!used.find()) {
            throw new IllegalStateException("jcmd GC.heap_info printed no heap total");
        }
        return Long.parseLong(used.group(2));
    }

    /** The largest heap occupancy before a collection (MB) in the GC log lines, or -1 when none ran. */
    private static long heapPeakMb(List<String> gcLines) {
        long peak = -1;
        for (String line : gcLines) {
            Matcher m = GC_HEAP.matcher(line);
            if (m.find()) {
                peak = Math.max(peak, Long.parseLong(m.group(1)));
            }
        }
        return peak;
    }

    private static String jcmd(long pid, String what) throws Exception {
        Process jcmd = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), Long.toString(pid), what)
                .redirectErrorStream(true)
                .start();
        String output = new String(jcmd.getInputStream().readAllBytes());
        jcmd.waitFor();
        return output;
    }

    /** A /proc/&lt;pid&gt;/status value in KB (VmRSS: resident now; VmHWM: the peak resident size). */
    private static long procStatus(long pid, String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }
}
