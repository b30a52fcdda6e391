package dev.fieldsync.app.health;

import dev.fieldsync.ports.in.changes.ReadChanges;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micronaut.context.BeanProvider;
import jakarta.inject.Singleton;

/** Gauges of the change log, read at scrape time: its latest sequence and how many changes it keeps. */
@Singleton
public class ChangeMetrics implements MeterBinder {
    private final BeanProvider<ReadChanges> changes;

    public ChangeMetrics(BeanProvider<ReadChanges> changes) {
        this.changes = changes;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder(
                        "fieldsync.changes.latest.sequence",
                        changes,
                        feed -> feed.get().latestSequence())
                .description("The highest sequence of the change log")
                .register(registry);
        Gauge.builder("fieldsync.changes.size", changes, feed -> feed.get().size())
                .description("Changes the change log keeps (after pruning)")
                .register(registry);
    }
}
