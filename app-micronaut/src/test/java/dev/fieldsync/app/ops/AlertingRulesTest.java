package dev.fieldsync.app.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The alerting rules in ops/prometheus are valid Prometheus rules and behave as their unit tests say. */
class AlertingRulesTest {
    static final Path RULES = Promtool.OPS.resolve("prometheus");

    @Test
    void theRulesAreValid() {
        assertThat(RULES.resolve("fieldsync-alerts.yml")).exists();
        ExternalTool.Result result = Promtool.run(RULES, null, "check", "rules", "fieldsync-alerts.yml");
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS: 11 rules found");
    }

    @Test
    void theRulesPassTheirUnitTests() {
        Path tests = RULES.resolve("tests").resolve("fieldsync-alerts-test.yml");
        assertThat(tests).exists();
        ExternalTool.Result result = Promtool.run(RULES, null, "test", "rules", "tests/fieldsync-alerts-test.yml");
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS").doesNotContain("FAILED");
    }

    @Test
    void aRuleThatDoesNotFireAsTestedFailsItsUnitTest(@TempDir Path dir) throws Exception {
        // The unit tests can fail: with the lag threshold moved, the lag alert no longer fires when its test says.
        String rules = Files.readString(RULES.resolve("fieldsync-alerts.yml"));
        assertThat(rules).contains("> 1020");
        Files.writeString(dir.resolve("fieldsync-alerts.yml"), rules.replace("> 1020", "> 5000"));
        Files.createDirectories(dir.resolve("tests"));
        Files.copy(
                RULES.resolve("tests").resolve("fieldsync-alerts-test.yml"),
                dir.resolve("tests/fieldsync-alerts-test.yml"));
        ExternalTool.Result result = Promtool.run(dir, null, "test", "rules", "tests/fieldsync-alerts-test.yml");
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("FAILED", "FieldsyncSyncLagHigh");
    }
}
