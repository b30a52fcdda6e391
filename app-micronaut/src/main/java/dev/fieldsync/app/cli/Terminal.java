package dev.fieldsync.app.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Where commands write: results on {@code out}, progress and diagnostics on {@code err}, both UTF-8. */
public record Terminal(PrintStream out, PrintStream err) {

    public static Terminal system() {
        return new Terminal(
                new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8),
                new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8));
    }
}
