package dev.fieldsync.app.cli;

import dev.fieldsync.app.database.PrivateH2Files;
import dev.fieldsync.app.rest.ApiDocument;
import dev.fieldsync.app.scheduling.ServiceLoops;
import dev.fieldsync.ports.in.sync.SyncJobs;
import dev.fieldsync.ports.in.sync.SyncStatus;
import dev.fieldsync.sandbox.GatewaySandbox;
import dev.fieldsync.sandbox.SandboxKeys;
import dev.fieldsync.sandbox.SandboxOptions;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code fieldsync demo}: the sandbox in-process with generated data, the service against it on a fresh embedded
 * H2 database, a first sync, then what to open and ready {@code curl} lines.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Starts the gateway sandbox in-process (generated jobs; its 40/minute rate limit on, with "
                    + "time running 10x faster so the demo syncs in seconds), the service against it on a fresh H2 "
                    + "database, syncs, and prints the URLs and curl commands to try. Ctrl-C stops everything."
        })
class DemoCommand implements Callable<Integer>, TerminalAware {
    /** The sandbox's clock runs this much faster; the demo's budget is scaled by the same factor. */
    static final int TIME_SCALE = 10;

    static final String READY = "fieldsync demo is ready";
    /** The demo is for this machine only: it listens on the loopback interface (its token is printed). */
    static final String BIND_ADDRESS = "127.0.0.1";

    @Option(
            names = "--port",
            defaultValue = "8080",
            description = "Service port (default ${DEFAULT-VALUE}; 0 = any free port).")
    int port;

    @Option(
            names = "--jobs",
            defaultValue = "5000",
            description = "Jobs the sandbox generates (default ${DEFAULT-VALUE}).")
    int jobs;

    @Option(
            names = "--data-dir",
            defaultValue = "./data/demo",
            description = "Demo database directory (default ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--keep-data", description = "Keep the demo database of an earlier run instead of starting fresh.")
    boolean keepData;

    @Option(
            names = "--sync-timeout",
            defaultValue = "180",
            description = "Seconds to wait for the first sync (default ${DEFAULT-VALUE}).")
    int syncTimeoutSeconds;

    Terminal terminal = Terminal.system();

    @Override
    public void terminal(Terminal value) {
        terminal = value;
    }

    @Override
    public Integer call() throws Exception {
        PrintStream out = terminal.out();
        if (!keepData) {
            wipe(dataDir);
            PrivateH2Files.ownDirectory(dataDir);
        }
        out.println("Starting the gateway sandbox with " + jobs + " generated jobs (rate limit on, time x" + TIME_SCALE
                + ")...");
        GatewaySandbox sandbox = GatewaySandbox.start(SandboxOptions.defaults()
                .seed(42)
                .jobs(jobs)
                .rateLimited(true)
                .timeScale(TIME_SCALE)
                .port(0));
        String token = randomHex(24);
        String webhookSecret = randomHex(32);
        ApplicationContext context;
        try {
            context = Contexts.server(properties(sandbox.baseUrl(), token, webhookSecret));
        } catch (RuntimeException failure) {
            sandbox.close();
            throw failure;
        }
        int actualPort = context.getBean(EmbeddedServer.class).getPort();
        String base = "http://" + BIND_ADDRESS + ":" + actualPort;
        sandbox.webhooks("http://127.0.0.1:" + actualPort + "/webhooks/fieldinsight", webhookSecret);
        out.println("Service listening on " + base + " (database "
                + dataDir.toAbsolutePath().normalize() + ")");
        out.println("Syncing the mirror...");
        SyncStatus status = awaitFirstPass(context);
        if (status.lastCompletedTo().isEmpty()) {
            terminal.err()
                    .println("The first sync did not complete within " + syncTimeoutSeconds + " s"
                            + status.lastError().map(error -> ": " + error).orElse("")
                            + ". The service keeps running.");
        } else {
            long held = sandbox.dump().size();
            out.println("Synced " + status.mirroredJobs() + " jobs into the mirror"
                    + status.lastOutcome()
                            .map(o -> " in " + ProgressBar.human(o.elapsed()) + " (" + o.pages() + " pages)")
                            .orElse("")
                    + "; the sandbox holds " + held + "."
                    + (status.mirroredJobs() < held
                            ? " The sandbox's office and scheduling team changed " + (held - status.mirroredJobs())
                                    + " job(s) while the pass ran: the next pass brings them."
                            : ""));
        }
        printWhatToOpen(out, base, token);
        out.println(READY + " on port " + actualPort + " (Ctrl-C stops it)");
        return Services.awaitShutdown(context, sandbox::close);
    }

    Map<String, Object> properties(String gatewayUrl, String token, String webhookSecret) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("micronaut.server.port", port == 0 ? -1 : port);
        properties.put("micronaut.server.host", BIND_ADDRESS);
        properties.put("fieldsync.integration-id", "demo");
        properties.put("fieldsync.gateway.base-url", gatewayUrl);
        properties.put("fieldsync.key.value", SandboxKeys.FULL);
        properties.put(
                "datasources.default.url",
                "jdbc:h2:file:" + dataDir.toAbsolutePath().normalize()
                        + "/fieldsync;MODE=PostgreSQL;LOCK_TIMEOUT=10000;WRITE_DELAY=0");
        properties.put("datasources.default.username", "sa");
        properties.put("datasources.default.password", "");
        properties.put("fieldsync.api.token", token);
        properties.put("fieldsync.webhook.secret", webhookSecret);
        // The sandbox's 40/minute runs 10x faster, so the budget does too (slightly under it, as in production).
        properties.put("fieldsync.budget.rate-per-minute", 38 * TIME_SCALE);
        properties.put("fieldsync.budget.burst", 38);
        properties.put("fieldsync.budget.background-reserve", 4);
        properties.put("fieldsync.budget.pause-after-rate-limited", "6s");
        properties.put("fieldsync.sync.interval", "30s");
        properties.put("fieldsync.sync.first-pass-horizon", "3650d");
        return properties;
    }

    private SyncStatus awaitFirstPass(ApplicationContext context) throws InterruptedException {
        SyncJobs syncJobs = context.getBean(SyncJobs.class);
        ServiceLoops loops = context.getBean(ServiceLoops.class);
        Instant deadline = Instant.now().plusSeconds(syncTimeoutSeconds);
        SyncStatus status = syncJobs.status();
        ProgressDisplay display = ProgressDisplay.on(terminal, false);
        while (status.lastCompletedTo().isEmpty() && Instant.now().isBefore(deadline)) {
            loops.lastProgress().ifPresent(display::show);
            Thread.sleep(Duration.ofMillis(250).toMillis());
            status = syncJobs.status();
        }
        display.finish();
        return status;
    }

    private static void printWhatToOpen(PrintStream out, String base, String token) {
        out.println();
        out.println("Open:");
        out.println("  " + base + "/api/jobs           the mirrored jobs (needs the token below)");
        out.println("  " + base + "/api/sync           sync status");
        out.println("  " + base + "/health             liveness and readiness (no token)");
        out.println("  " + base + "/prometheus         metrics");
        out.println("  " + base + ApiDocument.PATH + "  the OpenAPI document (no token)");
        out.println();
        out.println("Service token of this demo (protects only this local demo): " + token);
        String auth = "-H 'Authorization: Bearer " + token + "'";
        out.println("Try:");
        out.println("  curl -s " + auth + " '" + base + "/api/jobs?limit=5'");
        out.println("  curl -s " + auth + " '" + base + "/api/lookups'");
        out.println("  curl -s " + auth + " '" + base + "/api/verify'");
        out.println("  curl -s " + auth + " -X POST " + base + "/api/jobs -H 'Content-Type: application/json' \\");
        out.println(
                "       -d '{\"site\":\"<site id or name from /api/lookups>\",\"job_type\":\"<job type>\",\"title\":\"Demo job\","
                        + "\"start_time\":\"2026-07-01T09:00:00+10:00\",\"end_time\":\"2026-07-01T11:00:00+10:00\"}'");
        out.println("  curl -s " + auth + " -X POST " + base + "/api/sync");
        out.println();
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    private static void wipe(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                if (!file.equals(directory)) {
                    Files.delete(file);
                }
            }
        }
    }
}
