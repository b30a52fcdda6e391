package dev.fieldsync.app.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Where commands write: results on {@code out}, progress and diagnostics on {@code err}, both UTF-8;
 * {@code interactive} when a person watches a terminal (progress is then redrawn in place).
 */
public record Terminal(PrintStream out, PrintStream err, boolean interactive) {

    /** Not interactive: what tests and pipes get. */
    public Terminal(PrintStream out, PrintStream err) {
        this(out, err, false);
    }

    /** The process's streams; interactive when the JVM has a console (stdin and stdout on a terminal). */
    public static Terminal system() {
        return new Terminal(
                new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8),
                new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8),
                System.console() != null);
    }
}
