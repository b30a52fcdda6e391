package dev.fieldsync.benchmarks.reliability;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Everything this test JVM logs or prints (java.util.logging, where System.Logger lands, plus System.out and
 * System.err) and the output of child processes, so a test can assert that no secret appears anywhere.
 */
final class CapturedLogs {
    private static final StringBuffer TEXT = new StringBuffer();
    private static final List<String> SOURCES = new ArrayList<>();
    private static boolean installed;

    private CapturedLogs() {}

    static synchronized void install() {
        if (installed) {
            return;
        }
        installed = true;
        Logger root = Logger.getLogger("");
        Logger.getLogger("dev.fieldsync").setLevel(Level.ALL);
        SimpleFormatter formatter = new SimpleFormatter();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                TEXT.append(formatter.format(record));
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        handler.setLevel(Level.ALL);
        root.addHandler(handler);
        for (Handler h : root.getHandlers()) {
            if (h != handler) {
                h.setLevel(Level.INFO); // keep the console readable; the capture sees everything
            }
        }
        System.setOut(tee(System.out));
        System.setErr(tee(System.err));
        SOURCES.add("in-process JUL + System.out/err");
    }

    /** Adds a child process's captured output. */
    static synchronized void addChildOutput(String name, String output) {
        TEXT.append("\n---- ").append(name).append(" ----\n").append(output).append('\n');
        SOURCES.add(name);
        try {
            java.nio.file.Path dir = java.nio.file.Path.of("target", "reliability-logs");
            java.nio.file.Files.createDirectories(dir);
            java.nio.file.Files.writeString(dir.resolve(name.replaceAll("[^A-Za-z0-9_.-]", "_") + ".log"), output);
        } catch (java.io.IOException e) {
            System.out.println("could not keep the log of " + name + ": " + e);
        }
    }

    static String text() {
        return TEXT.toString();
    }

    static synchronized List<String> sources() {
        return List.copyOf(SOURCES);
    }

    private static PrintStream tee(PrintStream original) {
        OutputStream both = new OutputStream() {
            private final ByteArrayOutputStream line = new ByteArrayOutputStream();

            @Override
            public synchronized void write(int b) {
                original.write(b);
                line.write(b);
                if (b == '\n') {
                    TEXT.append(line.toString(StandardCharsets.UTF_8));
                    line.reset();
                }
            }

            @Override
            public void flush() {
                original.flush();
            }
        };
        return new PrintStream(both, true, StandardCharsets.UTF_8);
    }

    /** Fails naming the secret's label (never the secret) and where it was found. */
    static void assertNoSecret(String label, String secret) {
        String text = text();
        int at = text.indexOf(secret);
        if (at >= 0) {
            String before = text.substring(Math.max(0, at - 120), at);
            throw new AssertionError(
                    label + " appears in the captured logs after: ..." + before.replace(secret, "<secret>"));
        }
    }
}
