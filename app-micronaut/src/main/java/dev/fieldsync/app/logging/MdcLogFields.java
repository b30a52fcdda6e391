package dev.fieldsync.app.logging;

import dev.fieldsync.ports.out.log.LogFields;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.MDC;

/**
 * {@link LogFields} on SLF4J's MDC: the JSON log format shows the fields as members of each line. Lines of the
 * adapters' {@code System.Logger} reach logback through the JUL bridge on the same thread, so they carry them too.
 */
public final class MdcLogFields implements LogFields {
    /** The MDC field naming the integration a line is about (set by each integration's threads and tasks). */
    public static final String INTEGRATION = "integration";

    @Override
    public Scope with(Map<String, String> fields) {
        Map<String, String> before = new HashMap<>();
        fields.forEach((name, value) -> {
            before.put(name, MDC.get(name));
            MDC.put(name, value);
        });
        return () -> before.forEach((name, value) -> {
            if (value == null) {
                MDC.remove(name);
            } else {
                MDC.put(name, value);
            }
        });
    }
}
