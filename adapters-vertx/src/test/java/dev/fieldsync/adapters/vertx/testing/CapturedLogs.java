package dev.fieldsync.adapters.vertx.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Captures what the adapter logs. System.Logger goes to java.util.logging by default, so a JUL handler on
 * the adapter's package sees every line, fully formatted (parameters included).
 */
public final class CapturedLogs extends Handler implements AutoCloseable {
    private static final Formatter FORMAT = new Formatter() {
        @Override
        public String format(LogRecord record) {
            return formatMessage(record);
        }
    };

    private final Logger logger;
    private final Level previous;
    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());

    private CapturedLogs(String name) {
        logger = Logger.getLogger(name);
        previous = logger.getLevel();
        logger.setLevel(Level.ALL);
        setLevel(Level.ALL);
        logger.addHandler(this);
    }

    public static CapturedLogs of(String loggerName) {
        return new CapturedLogs(loggerName);
    }

    @Override
    public void publish(LogRecord record) {
        lines.add(record.getLevel() + " " + FORMAT.format(record)
                + (record.getThrown() == null ? "" : " " + record.getThrown()));
    }

    public List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    public String all() {
        return String.join("\n", lines());
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
        logger.removeHandler(this);
        logger.setLevel(previous);
    }
}
