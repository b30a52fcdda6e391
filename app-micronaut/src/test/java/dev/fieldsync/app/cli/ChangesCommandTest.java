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

/** {@code fieldsync changes tail} on an H2 database a first {@code sync --once} filled (oracle: the sandbox's jobs). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChangesCommandTest {
    GatewaySandbox sandbox;
    String database;

    @TempDir
    static Path dir;

    record Run(int code, String out, String err) {}

    @BeforeAll
    void start() throws IOException {
        sandbox = GatewaySandbox.start(
                SandboxOptions.defaults().seed(13).jobs(40).rateLimited(false).port(0));
        database = "jdbc:h2:mem:cli-changes-" + UUID.randomUUID() + ";MODE=PostgreSQL;DB_CLOSE_DELAY=-1";
        Run sync = run("sync", "--once");
        assertThat(sync.code()).as(sync.out() + sync.err()).isEqualTo(ExitCodes.OK);
    }

    @AfterAll
    void stop() {
        sandbox.close();
    }

    @Test
    void tailPrintsEveryChangeAfterASequenceAndWhereToContinue() throws IOException {
        Run all = run("changes", "tail");
        assertThat(all.code()).as(all.err()).isEqualTo(ExitCodes.OK);
        List<String> lines = all.out().lines().toList();
        assertThat(lines).hasSize(sandbox.dump().size());
        assertThat(lines.get(0)).startsWith("1  ").contains("  job.created  job ");
        sandbox.dump().forEach(job -> assertThat(all.out()).contains("  job.created  job " + job.id() + "  - -> "));
        assertThat(all.err()).contains("Up to sequence 40; continue with --after 40");

        Run tail = run("changes", "tail", "--after", "38");
        List<String> last = tail.out().lines().toList();
        assertThat(last).hasSize(2);
        assertThat(last.get(0)).startsWith("39  ");
        assertThat(last.get(1)).startsWith("40  ");
        assertThat(run("changes", "tail", "--after", "40").out()).isEmpty();
    }

    @Test
    void aBadKindOrSequenceSaysWhatIsAllowed() throws IOException {
        Run kind = run("changes", "tail", "--kinds", "job.created,job.deleted");
        assertThat(kind.code()).isEqualTo(ExitCodes.CONFIGURATION);
        assertThat(kind.err()).contains("'job.deleted' is not a change kind; use job.created, job.changed");
        Run after = run("changes", "tail", "--after", "-3");
        assertThat(after.code()).isEqualTo(ExitCodes.CONFIGURATION);
        assertThat(after.err()).contains("--after must be a change sequence");
    }

    Run run(String... args) throws IOException {
        Path keyFile = Files.createTempFile(dir, "key", ".txt");
        Files.writeString(keyFile, SandboxKeys.FULL + "\n");
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--key-file", keyFile.toString(), "--gateway", sandbox.baseUrl(), "--db", database));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = FieldsyncCommand.run(
                new Terminal(
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8)),
                all.toArray(String[]::new));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
