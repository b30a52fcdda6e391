package dev.fieldsync.app.ops;

import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs Prometheus' {@code promtool}. A missing promtool fails the test with the install command: these checks are
 * part of the test run, never skipped ({@code .ci/run} installs Debian's {@code prometheus} package when missing).
 */
final class Promtool {
    /** Where the ops/ folder of the repository is (set by the module's surefire configuration). */
    static final Path OPS = Path.of(System.getProperty("fieldsync.ops.dir", "../ops"))
            .toAbsolutePath()
            .normalize();

    private Promtool() {}

    static ExternalTool.Result run(Path workingDir, String stdin, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(binary());
        command.addAll(List.of(arguments));
        return ExternalTool.run(command, workingDir, stdin, Duration.ofSeconds(60));
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
