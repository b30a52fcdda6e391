package dev.fieldsync.benchmarks.harness;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A child JVM whose stdout and stderr are captured line by line (the reliability suite checks them for
 * secrets), with a bounded wait for a line and a hard kill.
 */
public final class ChildProcess implements AutoCloseable {
    private final String name;
    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();

    private ChildProcess(String name, Process process) {
        this.name = name;
        this.process = process;
        Thread pump = new Thread(
                () -> {
                    try (BufferedReader in = new BufferedReader(
                            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                        String line;
                        while ((line = in.readLine()) != null) {
                            lines.add(line);
                        }
                    } catch (IOException ignored) {
                        // the process died: what it printed so far is kept
                    }
                },
                "pump-" + name);
        pump.setDaemon(true);
        pump.start();
    }

    /** Starts {@code java <jvmArgs> -cp <classpath> <mainClass> <args>} with stderr merged into stdout. */
    public static ChildProcess java(
            String name, List<String> jvmArgs, String classpath, String mainClass, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass);
        command.addAll(args);
        return start(name, command);
    }

    /** Starts the builder's command with extra environment variables (how secrets reach a child: never argv). */
    public static ChildProcess startWith(String name, ProcessBuilder builder, java.util.Map<String, String> env) {
        builder.environment().putAll(env);
        builder.redirectErrorStream(true);
        try {
            return new ChildProcess(name, builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name + ": " + builder.command(), e);
        }
    }

    public static ChildProcess start(String name, List<String> command) {
        try {
            return new ChildProcess(
                    name, new ProcessBuilder(command).redirectErrorStream(true).start());
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name + ": " + command, e);
        }
    }

    /** The classpath of this JVM (surefire's real test classpath when run under surefire). */
    public static String currentClasspath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }

    /** Waits for a line matching {@code test}; fails with the output so far when the process dies or time runs out. */
    public String awaitLine(Predicate<String> test, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int seen = 0;
        while (System.nanoTime() < deadline) {
            List<String> snapshot = List.copyOf(lines);
            for (int i = seen; i < snapshot.size(); i++) {
                if (test.test(snapshot.get(i))) {
                    return snapshot.get(i);
                }
            }
            seen = snapshot.size();
            if (!process.isAlive() && seen == lines.size()) {
                throw new IllegalStateException(
                        name + " exited with " + process.exitValue() + " before the expected line:\n" + output());
            }
            sleep(20);
        }
        throw new IllegalStateException(name + ": no expected line within " + timeout + ":\n" + output());
    }

    /** Waits for the process to exit by itself; kills it and fails when it does not within the timeout. */
    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(name + " did not finish within " + timeout + ":\n" + tail(40));
            }
            sleep(50); // let the pump read the last lines
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code kill -9}: no shutdown hooks, no graceful stop. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    public String output() {
        return String.join("\n", lines);
    }

    public String tail(int n) {
        List<String> all = lines();
        return String.join("\n", all.subList(Math.max(0, all.size() - n), all.size()));
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
