package dev.fieldsync.benchmarks.harness;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The built service ({@code app-micronaut/target/fieldsync.jar serve}) in a child JVM, configured through
 * environment variables only (the key, the webhook secret and the API token never appear on a command line).
 */
public final class ServiceProcess implements AutoCloseable {
    private static final Pattern PORT = Pattern.compile("serving on port (\\d+)");
    private final ChildProcess process;
    private final int port;

    private ServiceProcess(ChildProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /** The jar, when it has been built: {@code -Dfieldsync.service.jar} or app-micronaut/target/fieldsync.jar upwards. */
    public static Optional<Path> jar() {
        String configured = System.getProperty("fieldsync.service.jar");
        if (configured != null) {
            return Optional.of(Path.of(configured)).filter(Files::exists);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("app-micronaut/target/fieldsync.jar");
            if (Files.exists(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** What one instance is told. {@code timeScale} scales the budget rate and the 429 pause like the sandbox's clock. */
    public record Config(
            String name,
            String gatewayUrl,
            String apiKey,
            String dbUrl,
            String dbUser,
            String dbPassword,
            boolean sharedBudget,
            int timeScale,
            String syncInterval,
            String apiToken,
            String webhookSecret) {}

    private static Path snapshot;

    /**
     * A private copy of the jar, taken once per JVM and checked to be a whole zip: the build may rewrite
     * app-micronaut/target/fieldsync.jar while instances started from it are still loading classes.
     */
    static synchronized Path snapshot() {
        if (snapshot != null) {
            return snapshot;
        }
        Path jar = jar().orElseThrow(() -> new IllegalStateException(
                "app-micronaut/target/fieldsync.jar is not built: mvn -B -q -o -pl app-micronaut package -DskipTests"));
        for (int attempt = 0; attempt < 10; attempt++) {
            try {
                Path copy = Files.createTempFile("fieldsync-service-", ".jar");
                copy.toFile().deleteOnExit();
                Files.copy(jar, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(copy.toFile())) {
                    if (zip.getEntry("META-INF/MANIFEST.MF") != null) {
                        snapshot = copy;
                        return copy;
                    }
                }
            } catch (java.io.IOException e) {
                // being rewritten: try again shortly
            }
            try {
                Thread.sleep(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new IllegalStateException("could not take a whole copy of " + jar);
    }

    /** A small heap and C1 only: quick to start, as the reliability tests want it. */
    public static ServiceProcess start(Config c) {
        return start(c, List.of("-Xmx384m", "-XX:TieredStopAtLevel=1"));
    }

    /** With these JVM options instead (a measurement wants the JIT's optimising tier: e.g. {@code -Xmx1g}). */
    public static ServiceProcess start(Config c, List<String> jvmOptions) {
        return start(c, jvmOptions, Map.of());
    }

    /**
     * The reliability tests' small JVM with more settings: {@code properties} become {@code -D} options (never a
     * secret: reference one as {@code env:NAME}) and {@code env} more environment variables (where secrets go).
     */
    public static ServiceProcess start(Config c, Map<String, String> properties, Map<String, String> env) {
        return start(c, List.of("-Xmx384m", "-XX:TieredStopAtLevel=1"), properties, env);
    }

    /** These JVM options, then {@code properties} as {@code -D} options and {@code env} as above. */
    public static ServiceProcess start(
            Config c, List<String> jvmOptions, Map<String, String> properties, Map<String, String> env) {
        List<String> options = new ArrayList<>(jvmOptions);
        properties.forEach((name, value) -> options.add("-D" + name + "=" + value));
        return start(c, options, env);
    }

    private static ServiceProcess start(Config c, List<String> jvmOptions, Map<String, String> extraEnv) {
        Path jar = snapshot();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of(
                "-Dfieldsync.budget.pause-after-rate-limited=" + Math.max(1, 60 / c.timeScale()) + "s",
                "-jar",
                jar.toString(),
                "serve",
                "--port",
                "0"));
        Map<String, String> env = new HashMap<>();
        env.put("FIELDSYNC_API_KEY", c.apiKey());
        env.put("FIELDSYNC_GATEWAY_URL", c.gatewayUrl());
        env.put("FIELDSYNC_DB_URL", c.dbUrl());
        env.put("FIELDSYNC_DB_USER", c.dbUser());
        env.put("FIELDSYNC_DB_PASSWORD", c.dbPassword());
        env.put("FIELDSYNC_BUDGET_RATE", Integer.toString(38 * c.timeScale()));
        env.put("FIELDSYNC_BUDGET_SHARED", Boolean.toString(c.sharedBudget()));
        env.put("FIELDSYNC_SYNC_INTERVAL", c.syncInterval());
        env.put("FIELDSYNC_API_TOKEN", c.apiToken());
        env.put("FIELDSYNC_WEBHOOK_SECRET", c.webhookSecret());
        env.put("FIELDSYNC_INTEGRATION_ID", "bench");
        // Sync leases on the reliability tests' fast clock: a killed leader's integrations move within TTL + one
        // interval, 4 s (20 s at the defaults). A -D property or the extra environment can say otherwise.
        env.put("FIELDSYNC_LEASES_HEARTBEAT_INTERVAL", "1s");
        env.putAll(extraEnv);
        ChildProcess child = ChildProcess.startWith(c.name(), new ProcessBuilder(command), env);
        try {
            String line = child.awaitLine(l -> PORT.matcher(l).find(), Duration.ofSeconds(90));
            Matcher m = PORT.matcher(line);
            m.find();
            return new ServiceProcess(child, Integer.parseInt(m.group(1)));
        } catch (RuntimeException e) {
            child.kill();
            throw e;
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public ChildProcess process() {
        return process;
    }

    /** SIGKILL. */
    public void kill() {
        process.kill();
    }

    @Override
    public void close() {
        process.close();
    }
}
