package dev.fieldsync.app.ops;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs Prometheus' {@code promtool}. A missing promtool fails the test with the install command: these checks are
 * part of the test run, never skipped ({@code .ci/run} installs Debian's {@code prometheus} package when missing).
 */
final class Promtool {
    /** Where the ops/ folder of the repository is (set by the module's surefire configuration). */
    static final Path OPS = Path.of(System.getProperty("fieldsync.ops.dir", "../ops"))
            .toAbsolutePath()
            .normalize();

    /** What one run printed and how it ended. */
    record Result(int exitCode, String output) {}

    private Promtool() {}

    static Result run(Path workingDir, String stdin, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(binary());
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command)
                    .directory(workingDir.toFile())
                    .redirectErrorStream(true)
                    .start();
            if (stdin != null) {
                process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return fail("promtool " + String.join(" ", arguments) + " did not finish in 60 s");
            }
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            return fail("could not run promtool: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted while running promtool");
        }
    }

    private static String binary() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            Path candidate = Path.of(dir, "promtool");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return fail("promtool is not installed; it comes with Debian's prometheus package: "
                + "apt-get install -y --no-install-recommends prometheus (bash .ci/run does this)");
    }
}
