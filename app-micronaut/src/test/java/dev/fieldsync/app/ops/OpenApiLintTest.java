package dev.fieldsync.app.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 16 item 3: the OpenAPI document the build writes passes Redocly's {@code recommended} ruleset with 0
 * errors and 0 warnings (3 errors and 17 warnings before). Redocly CLI is the npm package {@code @redocly/cli},
 * pinned to {@link #REDOCLY_VERSION} and installed into {@code target/redocly} on first use (npm reaches the
 * registry); without npm or the registry the test fails, it never skips.
 */
class OpenApiLintTest {
    static final String REDOCLY_VERSION = "2.77.0";
    private static final Path MODULE = Path.of("").toAbsolutePath();
    private static final Path DOCUMENT = MODULE.resolve("target/classes/META-INF/swagger/fieldsync-0.1.yml");
    private static final Path INSTALL = MODULE.resolve("target/redocly");

    @Test
    void theDocumentHasNoErrorAndNoWarningUnderRedoclysRecommendedRules() throws Exception {
        assertThat(DOCUMENT).as("written by the annotation processor").exists();
        ExternalTool.Result lint = ExternalTool.run(
                List.of(
                        redocly().toString(),
                        "lint",
                        "--extends",
                        "recommended",
                        "--format",
                        "json",
                        DOCUMENT.toString()),
                MODULE,
                null,
                Duration.ofMinutes(2));
        String json = lint.output().substring(Math.max(0, lint.output().indexOf('{')));
        JsonNode report = new ObjectMapper().readTree(json);
        List<String> problems = new ArrayList<>();
        report.get("problems")
                .forEach(problem -> problems.add(problem.get("severity").asText() + " "
                        + problem.get("ruleId").asText() + " at "
                        + problem.get("location").get(0).get("pointer").asText() + ": "
                        + problem.get("message").asText()));
        assertThat(problems)
                .as("Redocly %s, recommended ruleset", REDOCLY_VERSION)
                .isEmpty();
        assertThat(report.get("totals").get("errors").asInt()).isZero();
        assertThat(report.get("totals").get("warnings").asInt()).isZero();
        assertThat(lint.exitCode()).as(lint.output()).isZero();
    }

    /** The pinned Redocly CLI, installed into target/redocly when it is not there yet. */
    private static Path redocly() {
        Path binary = INSTALL.resolve("node_modules/.bin/redocly");
        Path installed = INSTALL.resolve("node_modules/@redocly/cli/package.json");
        if (!Files.isExecutable(binary) || !readsVersion(installed)) {
            ExternalTool.Result install = ExternalTool.run(
                    List.of(
                            "npm",
                            "install",
                            "--no-audit",
                            "--no-fund",
                            "--prefix",
                            INSTALL.toString(),
                            "@redocly/cli@" + REDOCLY_VERSION),
                    MODULE,
                    null,
                    Duration.ofMinutes(5));
            assertThat(install.exitCode())
                    .as(
                            "npm install @redocly/cli@%s (needs npm and the npm registry): %s",
                            REDOCLY_VERSION, install.output())
                    .isZero();
        }
        return binary;
    }

    private static boolean readsVersion(Path packageJson) {
        try {
            return Files.exists(packageJson)
                    && new ObjectMapper()
                            .readTree(packageJson.toFile())
                            .get("version")
                            .asText()
                            .equals(REDOCLY_VERSION);
        } catch (java.io.IOException unreadable) {
            return false;
        }
    }
}
