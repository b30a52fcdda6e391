package dev.fieldsync.app.metrics;

import com.sun.management.OperatingSystemMXBean;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.lang.management.ManagementFactory;
import java.util.Map;

/**
 * Keeps the whole {@code /prometheus} page clean under {@code promtool check metrics}: the binders' meters that
 * break Prometheus conventions are fixed here, in one table, instead of being left for every scrape to flag.
 */
@Factory
public class PrometheusConventions {

    /** Help texts for binder meters that come without one (promtool: "no help text"). */
    static final Map<String, String> DESCRIPTIONS = Map.of(
            "http.server.requests", "HTTP requests served, by method, route template and status",
            "executor", "Time tasks took on the service's executors");

    /** Renamed meters: a gauge must not end in _count (promtool reads it as a histogram's count). */
    static final Map<String, String> RENAMES = Map.of("system.cpu.count", "system.cpu.logical.processors");

    /**
     * Dropped meters: {@code process.cpu.time} is exported in nanoseconds as {@code process_cpu_time_ns_total}
     * (an abbreviated unit); {@link #processCpuSeconds()} exports the same counter in seconds instead.
     */
    static final String DROPPED = "process.cpu.time";

    @Singleton
    MeterFilter prometheusConventions() {
        return new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                String renamed = RENAMES.get(id.getName());
                if (renamed != null) {
                    return id.withName(renamed);
                }
                String description = DESCRIPTIONS.get(id.getName());
                if (description != null && id.getDescription() == null) {
                    return new Meter.Id(
                            id.getName(), Tags.of(id.getTags()), id.getBaseUnit(), description, id.getType());
                }
                return id;
            }

            @Override
            public MeterFilterReply accept(Meter.Id id) {
                return DROPPED.equals(id.getName()) ? MeterFilterReply.DENY : MeterFilterReply.NEUTRAL;
            }
        };
    }

    /** {@code process_cpu_seconds_total}, the name Prometheus' own clients use, in place of the dropped meter. */
    @Singleton
    MeterBinder processCpuSeconds() {
        return registry -> {
            if (ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os
                    && os.getProcessCpuTime() >= 0) {
                FunctionCounter.builder("process.cpu", os, bean -> bean.getProcessCpuTime() / 1e9)
                        .baseUnit("seconds")
                        .description("CPU time used by the service's process")
                        .register(registry);
            }
        };
    }
}
