package dev.fieldsync.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Runs the BUILT jar's {@code demo} command as a user would: a separate process, its output read line by line,
 * its port polled with a deadline, then stopped. Runs in the integration-test phase, after {@code package}.
 */
class DemoJarIT {
    private static final int JOBS = 2000;
    private static final Duration STARTUP = Duration.ofSeconds(150);
    private static final Pattern TOKEN = Pattern.compile("Service token of this demo .*: ([0-9a-f]{48})");

    @Test
    void theDemoSyncsAndAnswersOnItsPort() throws Exception {
        Path jar = Path.of(System.getProperty("fieldsync.jar", "target/fieldsync.jar"));
        assertThat(jar)
                .as("run 'mvn verify' so that package builds the jar first")
                .exists();
        int port = freePort();
        Path dataDir = Path.of("target", "demo-it-data");
        Path errors = Files.createTempFile("fieldsync-demo", ".err");
        Process demo = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-jar",
                        jar.toString(),
                        "demo",
                        "--port",
                        Integer.toString(port),
                        "--jobs",
                        Integer.toString(JOBS),
                        "--data-dir",
                        dataDir.toString())
                .redirectError(errors.toFile())
                .start();
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(
                () -> {
                    try (BufferedReader out =
                            new BufferedReader(new InputStreamReader(demo.getInputStream(), StandardCharsets.UTF_8))) {
                        for (String line = out.readLine(); line != null; line = out.readLine()) {
                            lines.add(line);
                        }
                    } catch (IOException closed) {
                        // the process ended
                    }
                },
                "demo-stdout");
        reader.setDaemon(true);
        reader.start();
        try {
            Instant deadline = Instant.now().plus(STARTUP);
            while (lines.stream().noneMatch(line -> line.startsWith("fieldsync demo is ready"))) {
                assertThat(demo.isAlive())
                        .as("the demo exited early:%n%s%n%s", String.join("\n", lines), Files.readString(errors))
                        .isTrue();
                assertThat(Instant.now())
                        .as("the demo was not ready within %s:%n%s", STARTUP, String.join("\n", lines))
                        .isBefore(deadline);
                Thread.sleep(200);
            }
            String output = String.join("\n", lines);
            // Jobs the sandbox's office edits while the first pass pages drop out of its window into the next one.
            assertThat(output)
                    .containsPattern("Synced \\d+ jobs into the mirror")
                    .contains("the sandbox holds " + JOBS)
                    .contains("fieldsync demo is ready on port " + port)
                    .contains("curl -s -H 'Authorization: Bearer ");
            Matcher token = TOKEN.matcher(output);
            assertThat(token.find()).as(output).isTrue();

            HttpClient client = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            String base = "http://127.0.0.1:" + port;
            HttpResponse<String> health = pollUntil200(client, base + "/health", null);
            assertThat(health.body()).contains("\"status\":\"UP\"");
            // Within two of the demo's 30 s passes: a job the sandbox's office or scheduling team changes while the
            // first pass runs moves past its window, and the next pass brings it (the demo says so).
            HttpResponse<String> sync = pollUntil(
                    client,
                    base + "/api/sync",
                    token.group(1),
                    body -> body.contains("\"mirrored_jobs\":" + JOBS),
                    Duration.ofSeconds(75));
            assertThat(sync.body()).contains("\"mirrored_jobs\":" + JOBS);
            HttpResponse<String> jobs = pollUntil200(client, base + "/api/jobs?limit=3", token.group(1));
            assertThat(jobs.body()).contains("\"jobs\":[{");
            HttpResponse<String> refused = client.send(
                    HttpRequest.newBuilder(URI.create(base + "/api/jobs")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).isEqualTo(401);

            // The demo prints its token: it listens on loopback only, and its database is private to this user.
            assertThat(listeningAddresses(port))
                    .as("sockets listening on port %d", port)
                    .isNotEmpty()
                    .allMatch(address -> address.equals("127.0.0.1"));
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir)))
                    .isEqualTo("rwx------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("fieldsync.mv.db"))))
                    .isEqualTo("rw-------");
        } finally {
            demo.destroy();
            if (!demo.waitFor(30, TimeUnit.SECONDS)) {
                demo.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        assertThat(Files.readString(errors)).doesNotContain("fi_pk_live_");
    }

    private static HttpResponse<String> pollUntil200(HttpClient client, String url, String token) throws Exception {
        return pollUntil(client, url, token, body -> true, Duration.ofSeconds(30));
    }

    /** Polls until a 200 whose body passes {@code accept} (30 s). */
    private static HttpResponse<String> pollUntil(
            HttpClient client, String url, String token, java.util.function.Predicate<String> accept, Duration timeout)
            throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            HttpRequest.Builder request =
                    HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            try {
                HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && accept.test(response.body())) {
                    return response;
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError(url + " answered " + response.statusCode() + ": " + response.body());
                }
            } catch (IOException notYet) {
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError(url + " did not answer within 30 s: " + notYet);
                }
            }
            Thread.sleep(200);
        }
    }

    /** The local addresses of the sockets listening on {@code port}, from Linux's /proc/net/tcp and tcp6. */
    static List<String> listeningAddresses(int port) throws IOException {
        List<String> addresses = new java.util.ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            for (String line :
                    Files.readAllLines(Path.of(table)).stream().skip(1).toList()) {
                String[] columns = line.strip().split("\\s+");
                String[] local = columns[1].split(":");
                if (columns[3].equals("0A") && Integer.parseInt(local[1], 16) == port) {
                    addresses.add(address(local[0]));
                }
            }
        }
        return addresses;
    }

    /** /proc/net writes addresses as little-endian hex words: 0100007F is 127.0.0.1. */
    private static String address(String hex) {
        if (hex.length() == 32 && hex.startsWith("0000000000000000FFFF0000")) {
            hex = hex.substring(24); // an IPv4 address mapped into IPv6
        }
        if (hex.length() != 8) {
            return hex.chars().allMatch(c -> c == '0') ? "::" : "ipv6:" + hex;
        }
        return Integer.parseInt(hex.substring(6, 8), 16) + "." + Integer.parseInt(hex.substring(4, 6), 16) + "."
                + Integer.parseInt(hex.substring(2, 4), 16) + "." + Integer.parseInt(hex.substring(0, 2), 16);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
