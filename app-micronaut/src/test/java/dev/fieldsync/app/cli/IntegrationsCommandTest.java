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

/** {@code fieldsync integrations list | pause | resume | sync} on an H2 database, against the sandbox. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IntegrationsCommandTest {
    GatewaySandbox sandbox;
    String database;
    Path keyFile;

    @TempDir
    static Path dir;

    record Run(int code, String out, String err) {}

    @BeforeAll
    void start() throws IOException {
        sandbox = GatewaySandbox.start(
                SandboxOptions.defaults().seed(17).jobs(25).rateLimited(false).port(0));
        database = "jdbc:h2:mem:cli-integrations-" + UUID.randomUUID() + ";MODE=PostgreSQL;DB_CLOSE_DELAY=-1";
        keyFile = Files.writeString(dir.resolve("key.txt"), SandboxKeys.FULL + "\n");
    }

    @AfterAll
    void stop() {
        sandbox.close();
    }

    @Test
    void anOperatorPausesResumesAndSyncsTheIntegration() {
        Run list = run("integrations", "list");
        assertThat(list.code()).as(list.err()).isEqualTo(ExitCodes.OK);
        assertThat(list.out())
                .startsWith("default  running")
                .contains("0 job(s) mirrored", "key file:" + keyFile)
                .doesNotContain(SandboxKeys.FULL);

        Run paused = run("integrations", "pause", "default");
        assertThat(paused.code()).as(paused.err()).isEqualTo(ExitCodes.OK);
        assertThat(paused.out()).startsWith("default  paused since ");
        long before = sandbox.stats().totalRequests();
        Run refused = run("integrations", "sync", "default", "--quiet");
        assertThat(refused.code()).isEqualTo(ExitCodes.CONFIGURATION);
        assertThat(refused.err()).contains("is paused", "fieldsync integrations resume default");
        assertThat(sandbox.stats().totalRequests()).as("no pass while paused").isEqualTo(before);
        assertThat(run("integrations", "list", "--json").out()).contains("\"state\":\"paused\"");

        assertThat(run("integrations", "resume", "default").out()).startsWith("default  running");
        Run synced = run("integrations", "sync", "default", "--quiet");
        assertThat(synced.code()).as(synced.err()).isEqualTo(ExitCodes.OK);
        assertThat(synced.out()).startsWith("Sync pass completed");
        assertThat(run("integrations", "list").out()).contains("25 job(s) mirrored", "last pass to ");

        Run unknown = run("integrations", "pause", "nobody");
        assertThat(unknown.code()).isEqualTo(ExitCodes.CONFIGURATION);
        assertThat(unknown.err()).contains("no integration 'nobody'");
    }

    @Test
    void aCommandForAnIntegrationNoOneRegisteredStopsWithTheKnownIds() {
        assertThat(run("integrations", "list").code()).isEqualTo(ExitCodes.OK);
        Run typo = run("jobs", "list", "--integration", "defualt");
        assertThat(typo.code()).isEqualTo(ExitCodes.CONFIGURATION);
        assertThat(typo.err().strip())
                .isEqualTo("configuration: --integration names no registered integration 'defualt'; use one of"
                        + " default (fieldsync integrations list), or register it first");
        Run known = run("jobs", "list", "--integration", "default");
        assertThat(known.code()).as(known.err()).isEqualTo(ExitCodes.OK);
    }

    Run run(String... args) {
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
