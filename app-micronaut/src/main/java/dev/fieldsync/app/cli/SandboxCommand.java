package dev.fieldsync.app.cli;

import dev.fieldsync.sandbox.GatewaySandbox;
import dev.fieldsync.sandbox.SandboxKeys;
import dev.fieldsync.sandbox.SandboxOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code fieldsync sandbox}: the local stand-in for the gateway, alone. */
@Command(
        name = "sandbox",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the gateway sandbox (a local stand-in for the FieldInsight Gateway) with generated data. "
                    + "Its keys are written to files (never printed) for use with FIELDSYNC_API_KEY_FILE."
        })
class SandboxCommand implements Callable<Integer>, TerminalAware {
    @Option(
            names = "--port",
            defaultValue = "8081",
            description = "Port (default ${DEFAULT-VALUE}; 0 = any free port).")
    int port;

    @Option(names = "--jobs", defaultValue = "500", description = "Generated jobs (default ${DEFAULT-VALUE}).")
    int jobs;

    @Option(names = "--seed", defaultValue = "42", description = "Data seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--rate-limited",
            defaultValue = "true",
            negatable = true,
            fallbackValue = "true",
            description = "Enforce the 40/minute limit (default ${DEFAULT-VALUE}).")
    boolean rateLimited;

    @Option(
            names = "--time-scale",
            defaultValue = "1.0",
            description = "Time runs this many times faster (default ${DEFAULT-VALUE}).")
    double timeScale;

    @Option(
            names = "--key-dir",
            defaultValue = "./data/sandbox",
            description = "Where the key files go (default ${DEFAULT-VALUE}).")
    Path keyDir;

    Terminal terminal = Terminal.system();

    @Override
    public void terminal(Terminal value) {
        terminal = value;
    }

    @Override
    public Integer call() throws IOException {
        GatewaySandbox sandbox = GatewaySandbox.start(SandboxOptions.defaults()
                .seed(seed)
                .jobs(jobs)
                .rateLimited(rateLimited)
                .timeScale(timeScale)
                .port(port));
        Path full = writeKey("full.key", SandboxKeys.FULL);
        Path readOnly = writeKey("read-only.key", SandboxKeys.READ_ONLY);
        Path noCustomers = writeKey("no-customers.key", SandboxKeys.NO_CUSTOMERS);
        terminal.out()
                .println("Gateway sandbox listening on " + sandbox.baseUrl() + " (" + jobs + " jobs, rate limit "
                        + (rateLimited ? "on" : "off") + ", time x" + timeScale + ")");
        terminal.out()
                .println("Key files: " + full + " (all scopes), " + readOnly + " (jobs:read only), " + noCustomers
                        + " (no customers attached)");
        terminal.out()
                .println("Try:  FIELDSYNC_GATEWAY_URL=" + sandbox.baseUrl() + " FIELDSYNC_API_KEY_FILE=" + full
                        + " java -jar fieldsync.jar verify");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            sandbox.close();
                            stopped.countDown();
                        },
                        "sandbox-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        return ExitCodes.OK;
    }

    private Path writeKey(String name, String key) throws IOException {
        Files.createDirectories(keyDir);
        Path file = keyDir.resolve(name);
        Files.writeString(file, key + "\n", StandardCharsets.UTF_8);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the file stays with the default permissions.
        }
        return file;
    }
}
