package dev.fieldsync.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import dev.fieldsync.app.cli.Contexts;
import dev.fieldsync.app.cli.FieldsyncCommand;
import dev.fieldsync.app.cli.Terminal;
import dev.fieldsync.app.config.FieldsyncSettings;
import dev.fieldsync.domain.webhook.WebhookSecret;
import dev.fieldsync.domain.webhook.WebhookSignature;
import dev.fieldsync.sandbox.GatewaySandbox;
import dev.fieldsync.sandbox.SandboxKeys;
import dev.fieldsync.sandbox.SandboxOptions;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * A known API key and known webhook secrets go through the CLI and the service — good and wrong keys, syncs,
 * writes, verification, signed and forged webhooks, a key that fails start-up — with logging at DEBUG; none of
 * them may appear in stdout, stderr, logback's events (with their stack traces), java.util.logging records,
 * the command output or the API's answers.
 */
class SecretsNeverLeakTest {
    static final String KEY =
            "fi_pk_live_leakCanary" + UUID.randomUUID().toString().replace("-", "");
    static final String WRONG_KEY =
            "fi_pk_live_wrongCanary" + UUID.randomUUID().toString().replace("-", "");
    static final String WEBHOOK_SECRET = "whsec-canary-" + UUID.randomUUID();
    static final String SECONDARY_SECRET = "whsec-canary2-" + UUID.randomUUID();
    static final String TOKEN = "token-canary-" + UUID.randomUUID();

    @TempDir
    Path dir;

    @Test
    void noKeyOrWebhookSecretReachesOutputOrLogs() throws Exception {
        Capture capture = Capture.start();
        StringBuilder answers = new StringBuilder();
        try (GatewaySandbox sandbox = GatewaySandbox.start(
                SandboxOptions.defaults().seed(5).jobs(150).rateLimited(false).port(0))) {
            sandbox.addKey(KEY, SandboxKeys.ALL_SCOPES, true);
            cliPaths(sandbox, answers);
            servicePaths(sandbox, answers);
        } finally {
            capture.stop();
        }
        String everything = capture.text() + answers;
        // The capture works: it holds what these paths are known to print and log.
        assertThat(everything)
                .contains("Setup verified", "401 unauthorized", "sync pass completed", "submission", "POST /v1/jobs");
        for (String secret : List.of(KEY, WRONG_KEY, WEBHOOK_SECRET, SECONDARY_SECRET)) {
            assertThat(everything).as("a secret leaked").doesNotContain(secret);
            // Nor a telling part of it (e.g. the key without its public prefix).
            assertThat(everything).doesNotContain(secret.substring(secret.length() - 24));
        }
    }

    private void cliPaths(GatewaySandbox sandbox, StringBuilder answers) throws Exception {
        Path keyFile = dir.resolve("key.txt");
        Files.writeString(keyFile, KEY + "\n");
        Path wrongKeyFile = dir.resolve("wrong.txt");
        Files.writeString(wrongKeyFile, WRONG_KEY + "\n");
        String db = "jdbc:h2:mem:leak-" + UUID.randomUUID() + ";MODE=PostgreSQL;DB_CLOSE_DELAY=-1";
        String site = sandbox.dump().get(0).siteId();
        String jobType = sandbox.dump().get(0).jobTypeId();
        String pending = sandbox.dump().stream()
                .filter(job -> job.state().equals("pending"))
                .findFirst()
                .orElseThrow()
                .id();
        List<List<String>> commands = List.of(
                List.of("verify", "--key-file", keyFile.toString()),
                List.of("verify", "--json", "--key-file", keyFile.toString()),
                List.of("verify", "--key-file", wrongKeyFile.toString()),
                List.of("lookups", "--key-file", keyFile.toString()),
                List.of("sync", "--once", "--key-file", keyFile.toString()),
                List.of(
                        "jobs",
                        "create",
                        "--site",
                        site,
                        "--job-type",
                        jobType,
                        "--title",
                        "Leak check",
                        "--start",
                        "2026-07-01T09:00:00+10:00",
                        "--end",
                        "2026-07-01T10:00:00+10:00",
                        "--key-file",
                        keyFile.toString()),
                List.of("jobs", "cancel", pending, "--key-file", keyFile.toString()),
                List.of("jobs", "cancel", pending, "--key-file", keyFile.toString()),
                List.of(
                        "sites",
                        "create",
                        "--customer",
                        sandbox.dump().get(0).customerName(),
                        "--key-file",
                        keyFile.toString()),
                List.of("verify", "--key-file", dir.resolve("missing.txt").toString()));
        for (List<String> command : commands) {
            List<String> args = new ArrayList<>(command);
            args.addAll(List.of("--gateway", sandbox.baseUrl(), "--db", db));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int code = FieldsyncCommand.run(
                    new Terminal(
                            new PrintStream(out, true, StandardCharsets.UTF_8),
                            new PrintStream(out, true, StandardCharsets.UTF_8)),
                    args.toArray(String[]::new));
            answers.append("$ ")
                    .append(command)
                    .append(" => ")
                    .append(code)
                    .append('\n')
                    .append(out.toString(StandardCharsets.UTF_8));
        }
    }

    private void servicePaths(GatewaySandbox sandbox, StringBuilder answers) {
        Map<String, Object> properties = new HashMap<>(TestDatabases.h2());
        properties.put("micronaut.server.port", -1);
        properties.put("fieldsync.gateway.base-url", sandbox.baseUrl());
        properties.put("fieldsync.key.value", KEY);
        properties.put("fieldsync.api.token", TOKEN);
        properties.put("fieldsync.webhook.secret", WEBHOOK_SECRET);
        properties.put("fieldsync.webhook.secondary-secret", SECONDARY_SECRET);
        properties.put("fieldsync.sync.interval", "1h");
        properties.put("fieldsync.sync.catch-up-check", "200ms");
        properties.put("fieldsync.sync.first-pass-horizon", "3650d");
        properties.put("fieldsync.dispatch.interval", "200ms");
        try (ApplicationContext context = Contexts.server(properties)) {
            answers.append(context.getBean(FieldsyncSettings.class)).append('\n');
            String base =
                    "http://127.0.0.1:" + context.getBean(EmbeddedServer.class).getPort();
            sandbox.webhooks(base + "/webhooks/fieldinsight", WEBHOOK_SECRET);
            ServiceEndToEndTest.poll(
                    Duration.ofSeconds(30),
                    "a completed pass",
                    () -> ServiceEndToEndTest.json(Http.get(base + "/api/sync", TOKEN))
                                    .hasNonNull("last_completed_to")
                            ? true
                            : null);
            JsonNode lookups = ServiceEndToEndTest.json(Http.get(base + "/api/lookups", TOKEN));
            String site = lookups.get("sites").get(0).get("id").asText();
            String jobType = lookups.get("job_types").get(0).get("id").asText();
            for (String path : List.of("/api/verify", "/api/sync", "/api/lookups", "/health", "/prometheus")) {
                answers.append(Http.get(base + path, TOKEN).body()).append('\n');
            }
            HttpResponse<String> accepted = Http.post(
                    base + "/api/jobs",
                    TOKEN,
                    "{\"site\": \"" + site
                            + "\", \"job_type\": \"" + jobType + "\", \"title\": \"Leak check via the API\","
                            + "\"start_time\": \"2026-07-01T09:00:00+10:00\", \"end_time\": \"2026-07-01T11:00:00+10:00\"}");
            answers.append(accepted.body()).append('\n');
            String statusUrl = accepted.headers().firstValue("Location").orElseThrow();
            ServiceEndToEndTest.poll(
                    Duration.ofSeconds(30),
                    "the create",
                    () -> "created"
                                    .equals(ServiceEndToEndTest.json(Http.get(base + statusUrl, TOKEN))
                                            .get("state")
                                            .asText())
                            ? true
                            : null);
            String body = "{\"event_id\":\"evt_leak_" + UUID.randomUUID() + "\",\"event_type\":\"job.created\","
                    + "\"occurred_at\":\"" + Instant.now() + "\",\"job\":{\"id\":\"1\",\"number\":\"1\"}}";
            byte[] raw = body.getBytes(StandardCharsets.UTF_8);
            long now = Instant.now().getEpochSecond();
            for (String signature : List.of(
                    WebhookSignature.sign(WebhookSecret.of(SECONDARY_SECRET), now, raw),
                    WebhookSignature.sign(WebhookSecret.of("forged-" + WEBHOOK_SECRET), now, raw),
                    WebhookSignature.sign(WebhookSecret.of(WEBHOOK_SECRET), now - 3600, raw),
                    "t=1,v1=zz")) {
                answers.append(Http.send(
                                        "POST",
                                        base + "/webhooks/fieldinsight",
                                        null,
                                        body,
                                        Map.of("X-FI-Gateway-Signature", signature))
                                .body())
                        .append('\n');
            }
            // The gateway now refuses the key: the sync pass fails with a 401 that is logged.
            sandbox.removeKey(KEY);
            answers.append(Http.post(base + "/api/sync", TOKEN, null).body()).append('\n');
            ServiceEndToEndTest.poll(Duration.ofSeconds(30), "the refused pass", () -> {
                JsonNode status = ServiceEndToEndTest.json(Http.get(base + "/api/sync", TOKEN));
                return !status.get("running").asBoolean() && status.hasNonNull("last_error") ? status : null;
            });
            answers.append(Http.get(base + "/api/sync", TOKEN).body()).append('\n');
            answers.append(Http.get(base + "/health/readiness", null).body()).append('\n');
        }
        // A malformed key stops start-up with one line that must not repeat it.
        Map<String, Object> malformed = new HashMap<>(properties);
        malformed.putAll(TestDatabases.h2());
        malformed.put("fieldsync.key.value", KEY + " trailing");
        assertThatThrownBy(() -> Contexts.server(malformed).close())
                .satisfies(failure -> answers.append(failure)
                        .append('\n')
                        .append(ThrowableProxyUtil.asString(new ch.qos.logback.classic.spi.ThrowableProxy(failure))));
    }

    /** stdout and stderr, every logback event with its stack trace, and every java.util.logging record. */
    private static final class Capture {
        private final PrintStream originalOut = System.out;
        private final PrintStream originalErr = System.err;
        private final ByteArrayOutputStream streams = new ByteArrayOutputStream();
        private final ListAppender<ILoggingEvent> events = new ListAppender<>();
        private final StringBuilder julRecords = new StringBuilder();
        private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        private final Logger fieldsync = (Logger) LoggerFactory.getLogger("dev.fieldsync");
        private final Level rootLevel = root.getLevel();
        private final Level fieldsyncLevel = fieldsync.getLevel();
        private final Handler julHandler = new Handler() {
            private final SimpleFormatter formatter = new SimpleFormatter();

            @Override
            public void publish(LogRecord record) {
                synchronized (julRecords) {
                    julRecords.append(formatter.format(record));
                }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        private boolean bridgeInstalledHere;

        static Capture start() {
            Capture capture = new Capture();
            PrintStream both = new PrintStream(capture.streams, true, StandardCharsets.UTF_8);
            System.setOut(both);
            System.setErr(both);
            capture.events.start();
            capture.root.addAppender(capture.events);
            capture.root.setLevel(Level.DEBUG);
            capture.fieldsync.setLevel(Level.DEBUG);
            java.util.logging.Logger julRoot = java.util.logging.Logger.getLogger("");
            julRoot.addHandler(capture.julHandler);
            capture.julHandler.setLevel(java.util.logging.Level.ALL);
            if (!SLF4JBridgeHandler.isInstalled()) {
                SLF4JBridgeHandler.install();
                capture.bridgeInstalledHere = true;
            }
            return capture;
        }

        void stop() {
            System.setOut(originalOut);
            System.setErr(originalErr);
            root.detachAppender(events);
            root.setLevel(rootLevel);
            fieldsync.setLevel(fieldsyncLevel);
            java.util.logging.Logger.getLogger("").removeHandler(julHandler);
            if (bridgeInstalledHere) {
                SLF4JBridgeHandler.uninstall();
            }
        }

        String text() {
            StringBuilder all = new StringBuilder(streams.toString(StandardCharsets.UTF_8));
            for (ILoggingEvent event : List.copyOf(events.list)) {
                all.append(event.getLoggerName())
                        .append(' ')
                        .append(event.getFormattedMessage())
                        .append('\n');
                if (event.getThrowableProxy() != null) {
                    all.append(ThrowableProxyUtil.asString(event.getThrowableProxy()))
                            .append('\n');
                }
            }
            synchronized (julRecords) {
                all.append(julRecords);
            }
            return all.toString();
        }
    }
}
