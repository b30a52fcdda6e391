package dev.fieldsync.benchmarks.harness;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The standalone sandbox ({@code gateway-sandbox/target/gateway-sandbox.jar}) in its own JVM, so its heap and
 * its allocation do not count against the client being measured.
 */
public final class SandboxProcess implements AutoCloseable {
    private static final Pattern URL = Pattern.compile("(http://127\\.0\\.0\\.1:\\d+)");
    private final ChildProcess process;
    private final String baseUrl;

    private SandboxProcess(ChildProcess process, String baseUrl) {
        this.process = process;
        this.baseUrl = baseUrl;
    }

    /** Where the jar is: {@code -Dfieldsync.sandbox.jar}, else the module's build output next to this one. */
    public static Path jar() {
        String configured = System.getProperty("fieldsync.sandbox.jar");
        if (configured != null) {
            return Path.of(configured);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("gateway-sandbox/target/gateway-sandbox.jar");
            if (Files.exists(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("gateway-sandbox/target/gateway-sandbox.jar not found: build it with "
                + "mvn -B -q -o -pl gateway-sandbox install -DskipTests (or pass -Dfieldsync.sandbox.jar=...)");
    }

    /** Starts the sandbox with these arguments (e.g. {@code --jobs 5000 --time-scale 20}) on a free port. */
    public static SandboxProcess start(String heap, List<String> sandboxArgs) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + heap);
        command.add("-XX:+UseParallelGC");
        command.add("-jar");
        command.add(jar().toString());
        command.add("--port");
        command.add("0");
        command.add("--host");
        command.add("127.0.0.1");
        command.addAll(sandboxArgs);
        ChildProcess child = ChildProcess.start("sandbox", command);
        try {
            String line = child.awaitLine(l -> l.contains("listening on"), Duration.ofMinutes(3));
            Matcher m = URL.matcher(line);
            if (!m.find()) {
                throw new IllegalStateException("no base URL in: " + line);
            }
            return new SandboxProcess(child, m.group(1));
        } catch (RuntimeException e) {
            child.kill();
            throw e;
        }
    }

    public String baseUrl() {
        return baseUrl;
    }

    public SandboxAdmin admin() {
        return new SandboxAdmin(baseUrl);
    }

    public ChildProcess process() {
        return process;
    }

    @Override
    public void close() {
        process.kill();
    }
}
