package dev.fieldsync.app.ops;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a command-line tool the ops tests check with (promtool, Redocly): its exit code and what it printed. */
final class ExternalTool {

    /** What one run printed (stdout and stderr together) and how it ended. */
    record Result(int exitCode, String output) {}

    private ExternalTool() {}

    static Result run(List<String> command, Path workingDir, String stdin, Duration timeout) {
        String name =
                Path.of(command.get(0)).getFileName() + " " + String.join(" ", command.subList(1, command.size()));
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
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return fail(name + " did not finish in " + timeout.toSeconds() + " s");
            }
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            return fail("could not run " + name + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted while running " + name);
        }
    }
}
