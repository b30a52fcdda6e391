package dev.fieldsync.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.fieldsync.sandbox.GatewaySandbox;
import dev.fieldsync.sandbox.SandboxKeys;
import dev.fieldsync.sandbox.SandboxOptions;
import dev.fieldsync.sandbox.SandboxTenant;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fieldsync changes consumers | deliveries | replay | resume} on an H2 database a first {@code sync --once}
 * filled, with one webhook endpoint (a local receiver, told to refuse or accept) configured in an application.yml.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsumerCommandsTest {
    GatewaySandbox sandbox;
    SandboxTenant beta;
    String database;
    HttpServer receiver;
    final AtomicInteger answer = new AtomicInteger(500);
    final List<String> received = new CopyOnWriteArrayList<>();
    Path config;

    @TempDir
    static Path dir;

    record Run(int code, String out, String err) {}

    @BeforeAll
    void start() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hooks", exchange -> {
            exchange.getRequestBody().readAllBytes();
            if (answer.get() / 100 == 2) {
                received.add(exchange.getRequestHeaders().getFirst("webhook-id"));
            }
            exchange.sendResponseHeaders(answer.get(), -1);
            exchange.close();
        });
        receiver.start();
        Path secret = Files.writeString(
                dir.resolve("erp.secret"), "whsec_" + Base64.getEncoder().encodeToString(new byte[32]));
        sandbox = GatewaySandbox.start(
                SandboxOptions.defaults().seed(13).jobs(40).rateLimited(false).port(0));
        beta = sandbox.tenants().add("beta", SandboxKeys.tenantKey(1), 30, 23);
        config = Files.writeString(
                dir.resolve("application.yml"),
                "fieldsync:\n  changes:\n    endpoints:\n      erp:\n        url: http://127.0.0.1:"
                        + receiver.getAddress().getPort() + "/hooks\n        secret: file:" + secret + "\n"
                        + "      crm:\n        url: http://127.0.0.1:"
                        + receiver.getAddress().getPort()
                        + "/hooks\n        secret: file:" + secret + "\n        integrations: beta\n"
                        + "  integrations:\n    beta:\n      gateway-url: " + sandbox.baseUrl() + "\n"
                        + "      key: property:test.keys.beta\n"
                        + "    gamma:\n      gateway-url: " + sandbox.baseUrl() + "\n"
                        + "      key: file:" + dir.resolve("gamma-missing.key") + "\n"
                        + "test:\n  keys:\n    beta: " + SandboxKeys.tenantKey(1) + "\n");
        database = "jdbc:h2:mem:cli-consumers-" + UUID.randomUUID() + ";MODE=PostgreSQL;DB_CLOSE_DELAY=-1";
        Run sync = run("sync", "--once");
        assertThat(sync.code()).as(sync.out() + sync.err()).isEqualTo(ExitCodes.OK);
    }

    @AfterAll
    void stop() {
        sandbox.close();
        receiver.stop(0);
    }

    @Test
    void anOperatorSeesTheConsumerReplaysRewindsAndResumesIt() throws IOException {
        Run consumers = run("changes", "consumers");
        assertThat(consumers.code()).as(consumers.err()).isEqualTo(ExitCodes.OK);
        assertThat(consumers.out()).contains("erp  webhook  http://127.0.0.1:", "cursor 0  behind 40 change(s)");

        answer.set(500);
        Run refused = run("changes", "replay", "erp", "--from", "1", "--to", "5");
        assertThat(refused.code()).isEqualTo(ExitCodes.FAILED);
        assertThat(refused.out()).contains("chg_default_1  FAILED: HTTP 500", "Delivered 0 of 5 change(s).");
        Run log = run("changes", "deliveries", "erp");
        assertThat(log.out()).contains("chg_default_1  FAILED  HTTP 500");

        answer.set(204);
        Run one = run("changes", "replay", "erp", "--change", "chg_default_3");
        assertThat(one.code()).as(one.out() + one.err()).isEqualTo(ExitCodes.OK);
        assertThat(one.out()).contains("Delivered 1 of 1 change(s).");
        assertThat(received).containsExactly("chg_default_3");

        Run rewind = run("changes", "replay", "erp", "--from", "10");
        assertThat(rewind.code()).isEqualTo(ExitCodes.OK);
        assertThat(run("changes", "consumers").out()).contains("cursor 9  behind 31 change(s)");
        assertThat(run("changes", "resume", "erp").out()).contains("was not paused");
    }

    @Test
    void aConsumerOfOtherIntegrationsIsNotTheDefaultsAndAnUnknownIntegrationIsRefused() throws IOException {
        Run defaults = run("changes", "consumers");
        assertThat(defaults.code()).as(defaults.err()).isEqualTo(ExitCodes.OK);
        assertThat(defaults.out())
                .as("crm serves beta alone")
                .contains("erp  webhook")
                .doesNotContain("crm");

        Run notServing = run("changes", "replay", "crm", "--from", "1");
        assertThat(notServing.code()).isEqualTo(ExitCodes.CONFIGURATION);
        assertThat(notServing.err())
                .contains("change consumer 'crm' does not serve integration 'default'; it serves beta");

        Run unknown = run("changes", "consumers", "--integration", "nosuch");
        assertThat(unknown.code()).isEqualTo(ExitCodes.CONFIGURATION);
        assertThat(unknown.err()).contains("nosuch");
    }

    private static String line(String out, String prefix) {
        return out.lines().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow(() -> new AssertionError(out));
    }

    @Test
    void integrationRunsWithItsOwnGatewayUrlAndKeyFromItsEntry() throws IOException {
        assertThat(run("integrations", "list").code())
                .as("the service's view declares beta's configured entry in the registry")
                .isEqualTo(ExitCodes.OK);
        int defaultRequests = sandbox.tenants().defaultTenant().requests().size();
        Run synced = runAs("sync", "--once", "--integration", "beta");
        assertThat(synced.code()).as(synced.out() + synced.err()).isEqualTo(ExitCodes.OK);
        assertThat(beta.requests()).as("beta's pass went with beta's key").isNotEmpty();
        assertThat(sandbox.tenants().defaultTenant().requests())
                .as("nothing went with the service's own key")
                .hasSize(defaultRequests);
        assertThat(synced.out() + synced.err()).doesNotContain(SandboxKeys.tenantKey(1));
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection(database, "sa", "");
                java.sql.ResultSet row = connection
                        .createStatement()
                        .executeQuery(
                                "SELECT key_ref, gateway_url FROM fs_integration WHERE integration_id = 'beta'")) {
            assertThat(row.next()).isTrue();
            assertThat(row.getString(1))
                    .as("beta's registry row is still its own entry, not the command's view of it")
                    .isEqualTo("property:test.keys.beta");
        } catch (java.sql.SQLException unreadable) {
            throw new AssertionError(unreadable);
        }

        Run consumers = runAs("changes", "consumers", "--integration", "beta");
        assertThat(consumers.code()).as(consumers.err()).isEqualTo(ExitCodes.OK);
        assertThat(line(consumers.out(), "crm  ")).contains("cursor 0  behind 30 change(s)");
        assertThat(line(consumers.out(), "erp  ")).contains("cursor 0  behind 30 change(s)");
        Run rewound = runAs("changes", "replay", "crm", "--from", "11", "--integration", "beta");
        assertThat(rewound.code()).as(rewound.out() + rewound.err()).isEqualTo(ExitCodes.OK);
        assertThat(line(runAs("changes", "consumers", "--integration", "beta").out(), "crm  "))
                .contains("cursor 10");

        Run unreadable = runAs("sync", "--once", "--integration", "gamma");
        assertThat(unreadable.code()).isEqualTo(ExitCodes.CONFIGURATION);
        assertThat(unreadable.err())
                .contains("integration 'gamma', whose key cannot be read", "gamma-missing.key")
                .doesNotContain(SandboxKeys.FULL);
    }

    @Test
    void badInputSaysWhatIsWrongAndWhatToDo() throws IOException {
        Run unknown = run("changes", "replay", "nope", "--change", "chg_default_1");
        assertThat(unknown.code()).isEqualTo(ExitCodes.CONFIGURATION);
        assertThat(unknown.err()).contains("there is no change consumer 'nope'; the consumers are: crm, erp");
        Run range = run("changes", "replay", "erp", "--from", "9", "--to", "3");
        assertThat(range.code()).isEqualTo(ExitCodes.CONFIGURATION);
        assertThat(range.err()).contains("give from ≥ 1 and to ≥ from");
        Run foreign = run("changes", "replay", "erp", "--change", "chg_other_1");
        assertThat(foreign.code()).isEqualTo(ExitCodes.CONFIGURATION);
        assertThat(foreign.err()).contains("not a change id of this integration");
        Run neither = run("changes", "replay", "erp");
        assertThat(neither.code()).isEqualTo(ExitCodes.CONFIGURATION);
    }

    Run run(String... args) throws IOException {
        Path keyFile = Files.createTempFile(dir, "key", ".txt");
        Files.writeString(keyFile, SandboxKeys.FULL + "\n");
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--key-file", keyFile.toString(), "--gateway", sandbox.baseUrl()));
        return runAs(all.toArray(String[]::new));
    }

    /** A command with the database only: the gateway and key come from the settings (or the integration's entry). */
    Run runAs(String... args) throws IOException {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--db", database));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        // The endpoint comes from an application.yml, as an operator would configure it (tests run one at a time).
        System.setProperty("micronaut.config.files", config.toString());
        try {
            int code = FieldsyncCommand.run(
                    new Terminal(
                            new PrintStream(out, true, StandardCharsets.UTF_8),
                            new PrintStream(err, true, StandardCharsets.UTF_8)),
                    all.toArray(String[]::new));
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.clearProperty("micronaut.config.files");
        }
    }
}
