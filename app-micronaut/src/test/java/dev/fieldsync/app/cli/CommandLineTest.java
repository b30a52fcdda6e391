package dev.fieldsync.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldsync.sandbox.GatewaySandbox;
import dev.fieldsync.sandbox.SandboxKeys;
import dev.fieldsync.sandbox.SandboxOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The CLI as a user runs it (in-process), against the gateway sandbox. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CommandLineTest {
    GatewaySandbox sandbox;

    @TempDir
    Path dir;

    @BeforeAll
    void start() {
        sandbox = GatewaySandbox.start(
                SandboxOptions.defaults().seed(3).jobs(120).rateLimited(false).port(0));
    }

    @AfterAll
    void stop() {
        sandbox.close();
    }

    record Run(int code, String out, String err) {}

    Run run(String key, String... args) throws IOException {
        List<String> all = new ArrayList<>(List.of(args));
        if (key != null) {
            Path keyFile = dir.resolve("key-" + UUID.randomUUID());
            Files.writeString(keyFile, key + "\n");
            all.addAll(List.of("--key-file", keyFile.toString()));
        }
        all.addAll(List.of(
                "--gateway",
                sandbox.baseUrl(),
                "--db",
                "jdbc:h2:mem:cli-" + UUID.randomUUID() + ";MODE=PostgreSQL;DB_CLOSE_DELAY=-1"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = FieldsyncCommand.run(
                new Terminal(
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8)),
                all.toArray(String[]::new));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void verifyPassesWithAGoodKeyAndSaysFirstWhatItSpends() throws IOException {
        Run run = run(SandboxKeys.FULL, "verify");
        assertThat(run.code()).as(run.out() + run.err()).isEqualTo(ExitCodes.OK);
        assertThat(run.out())
                .containsPattern("This spends at most \\d+ requests")
                .contains("✓ Authentication (GET /v1/customers)")
                .contains("Setup verified")
                .doesNotContain("✗")
                .doesNotContain(SandboxKeys.FULL);
        assertThat(run.out().indexOf("This spends")).isLessThan(run.out().indexOf("✓"));
    }

    @Test
    void verifyExplainsAWrongKey() throws IOException {
        Run run = run("fi_pk_live_notARealKey000000000000", "verify");
        assertThat(run.code()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.out())
                .contains("✗ Authentication (GET /v1/customers): 401 unauthorized")
                .contains("what it means: the key is missing, wrong, or lacks the jobs:read scope")
                .contains("what to do:")
                .contains("Setup NOT verified")
                .doesNotContain("fi_pk_live_notARealKey");
    }

    @Test
    void verifyExplainsAKeyWithoutCustomers() throws IOException {
        Run run = run(SandboxKeys.NO_CUSTOMERS, "verify");
        assertThat(run.code()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.out())
                .contains("✗ Authentication (GET /v1/customers): 403 no-scope")
                .contains("no customers are attached")
                .contains("ask the gateway operator to finish setup");
    }

    @Test
    void verifyJsonIsOneDocument() throws IOException {
        Run run = run(SandboxKeys.FULL, "verify", "--json");
        assertThat(run.code()).isEqualTo(ExitCodes.OK);
        assertThat(run.out().strip()).startsWith("{").endsWith("}").contains("\"passed\":true");
    }

    @Test
    void lookupsPrintsTablesAndCustomFieldRestrictions() throws IOException {
        Run run = run(SandboxKeys.FULL, "lookups");
        assertThat(run.code()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("Customers (", "Sites (", "Job types (", "Custom fields (", "external name");
    }

    @Test
    void syncOnceMirrorsEveryJob() throws IOException {
        Run run = run(SandboxKeys.FULL, "sync", "--once");
        assertThat(run.code()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("Sync pass completed").contains(" 120 jobs");
        assertThat(run.err()).contains("pages");
    }

    @Test
    void syncOnceWithoutATerminalPrintsWholeLinesNotCarriageReturnFragments() throws IOException {
        Run run = run(SandboxKeys.FULL, "sync", "--once");
        assertThat(run.code()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(run.err()).doesNotContain("\r");
        assertThat(run.err().lines().filter(line -> line.contains("pages")))
                .isNotEmpty()
                .allSatisfy(line -> assertThat(line).contains(" jobs ("));
    }

    @Test
    void syncOnceQuietJsonPrintsOnlyTheOutcomeDocument() throws Exception {
        Run run = run(SandboxKeys.FULL, "sync", "--once", "--quiet", "--json");
        assertThat(run.code()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(run.err()).as("--quiet: no progress").doesNotContain("pages").doesNotContain("Syncing");
        com.fasterxml.jackson.databind.JsonNode outcome =
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(run.out());
        assertThat(outcome.get("completed").asBoolean()).isTrue();
        assertThat(outcome.get("jobs").asLong()).isEqualTo(120);
        assertThat(outcome.get("pages").asInt()).isPositive();
    }

    @Test
    void verifyQuietPrintsOnlyTheResultLineWhenEveryStepPasses() throws IOException {
        Run run = run(SandboxKeys.FULL, "verify", "--quiet");
        assertThat(run.code()).isEqualTo(ExitCodes.OK);
        assertThat(run.out().strip()).startsWith("Setup verified:").doesNotContain("\n");
    }

    @Test
    void submissionsListJsonIsOneDocument() throws Exception {
        Run run = run(SandboxKeys.FULL, "submissions", "list", "--state", "all", "--json");
        assertThat(run.code()).as(run.err()).isEqualTo(ExitCodes.OK);
        com.fasterxml.jackson.databind.JsonNode list =
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(run.out());
        assertThat(list.isObject()).as(run.out()).isTrue();
        assertThat(run.out().strip())
                .as("one document, nothing else on stdout")
                .startsWith("{")
                .endsWith("}");
        // Empty members are left out, as in the API's answers: a fresh database has no submissions.
        assertThat(list.path("submissions").size()).isZero();
    }

    @Test
    void syncOnceStopsWithinAFewRequestsWhenTheGatewayIgnoresTheCursorParameter() throws IOException {
        sandbox.settings().cursorParameter("page_token");
        try {
            long before = sandbox.stats().totalRequests();
            Run run = run(SandboxKeys.FULL, "sync", "--once");
            long spent = sandbox.stats().totalRequests() - before;

            assertThat(run.code()).as(run.out() + run.err()).isEqualTo(ExitCodes.FAILED);
            assertThat(run.out()).contains("Sync pass stopped early").contains(" 1 pages, 100 jobs");
            assertThat(run.err())
                    .contains("last error: GET /v1/jobs: the gateway handed back the cursor it was sent after page 1")
                    .contains("check fieldsync.gateway.cursor-parameter");
            // One read of one job to learn the gateway's clock, page 1, then page 1 again for the cursor sent under
            // the wrong name: stopped there.
            assertThat(spent).isEqualTo(3);

            System.setProperty("fieldsync.gateway.cursor-parameter", "page_token");
            Run fixed = run(SandboxKeys.FULL, "sync", "--once");
            assertThat(fixed.code()).as(fixed.out() + fixed.err()).isEqualTo(ExitCodes.OK);
            assertThat(fixed.out()).contains("Sync pass completed").contains(" 120 jobs");
        } finally {
            System.clearProperty("fieldsync.gateway.cursor-parameter");
            sandbox.settings().cursorParameter("cursor");
        }
    }

    @Test
    void verifyReportsThatPagingFailsAndTheSettingThatFixesIt() throws IOException {
        sandbox.settings().cursorParameter("page_token");
        try {
            Run run = run(SandboxKeys.FULL, "verify");

            assertThat(run.code()).as(run.out() + run.err()).isEqualTo(ExitCodes.FAILED);
            assertThat(run.out())
                    .contains("This spends at most 9 requests")
                    .contains("✗ Paging (GET /v1/jobs?state=all&page_size=1, then with its cursor)")
                    .contains("ignores the cursor request parameter")
                    .contains("set fieldsync.gateway.cursor-parameter to it")
                    .contains("Setup NOT verified");
        } finally {
            sandbox.settings().cursorParameter("cursor");
        }
    }

    @Test
    void aMalformedSettingStopsWithOneLineAndExitCode2() throws IOException {
        Run run = run(SandboxKeys.FULL, "verify", "--integration", "Not Valid!");
        assertThat(run.code()).isEqualTo(ExitCodes.CONFIGURATION);
        assertThat(run.err().strip())
                .startsWith("configuration: fieldsync.integration-id")
                .doesNotContain("\n");
    }

    @Test
    void everyCommandHasHelp() throws IOException {
        for (String command : List.of("verify", "lookups", "sync", "jobs", "sites", "serve", "sandbox", "demo")) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int code = FieldsyncCommand.run(
                    new Terminal(
                            new PrintStream(out, true, StandardCharsets.UTF_8),
                            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)),
                    command,
                    "--help");
            assertThat(code).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("Usage: fieldsync " + command);
        }
    }
}
