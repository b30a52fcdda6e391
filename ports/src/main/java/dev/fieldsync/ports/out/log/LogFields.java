package dev.fieldsync.ports.out.log;

import java.util.Map;

/**
 * Named values (submission id, request ids) attached to every log line the current thread writes while a scope
 * is open, so a structured log format can show them as fields; the service backs it with SLF4J's MDC.
 */
public interface LogFields {
    /** Adds nothing: for callers without a structured log. */
    LogFields NONE = fields -> () -> {};

    /** Attaches {@code fields} (name to value) until the scope closes, which restores what the names held before. */
    Scope with(Map<String, String> fields);

    /** An open set of fields; closing it detaches them. */
    interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
