package dev.fieldsync.app.logging;

import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.ports.out.log.LogFields;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.MDC;

/**
 * {@link LogFields} on SLF4J's MDC: the JSON log format shows the fields as members of each line. Lines of the
 * adapters' {@code System.Logger} reach logback through the JUL bridge on the same thread, so they carry them too.
 * Built for an integration ({@link #of(IntegrationId)}), every scope also names that integration, so a gateway call's
 * lines say whose call it was on whichever thread they are written; {@link #threads} gives an integration's loops
 * threads whose every line names it.
 */
public final class MdcLogFields implements LogFields {
    /** The MDC field naming the integration a line is about (set by each integration's threads and tasks). */
    public static final String INTEGRATION = "integration";

    private final Map<String, String> always;

    /** Fields as given (no integration added). */
    public MdcLogFields() {
        this.always = Map.of();
    }

    private MdcLogFields(Map<String, String> always) {
        this.always = Map.copyOf(always);
    }

    /** Fields that name {@code integration} besides what each scope gives. */
    public static MdcLogFields of(IntegrationId integration) {
        return new MdcLogFields(Map.of(INTEGRATION, integration.value()));
    }

    /** Daemon threads named {@code prefix-N} whose every log line names {@code integration}. */
    public static ThreadFactory threads(String prefix, IntegrationId integration) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(
                    () -> {
                        MDC.put(INTEGRATION, integration.value());
                        runnable.run();
                    },
                    prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public Scope with(Map<String, String> fields) {
        Map<String, String> all = new HashMap<>(always);
        all.putAll(fields);
        Map<String, String> before = new HashMap<>();
        all.forEach((name, value) -> {
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
