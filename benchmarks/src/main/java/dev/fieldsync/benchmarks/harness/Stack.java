package dev.fieldsync.benchmarks.harness;

import dev.fieldsync.adapters.memory.InMemoryJobs;
import dev.fieldsync.adapters.memory.InMemoryLookupCatalogs;
import dev.fieldsync.adapters.memory.InMemorySubmissions;
import dev.fieldsync.adapters.memory.InMemorySyncCheckpoints;
import dev.fieldsync.adapters.memory.InMemoryWebhookEvents;
import dev.fieldsync.adapters.persistence.wiring.PersistenceAdapters;
import dev.fieldsync.adapters.vertx.gateway.VertxGateway;
import dev.fieldsync.adapters.vertx.key.FixedKeySource;
import dev.fieldsync.application.CoreSettings;
import dev.fieldsync.application.FieldsyncCore;
import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.ports.out.budget.RateBudget;
import dev.fieldsync.ports.out.store.Jobs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;

/**
 * The real client path as the service wires it: {@link FieldsyncCore} over a {@link VertxGateway} to the
 * sandbox, a budget, and SQL stores (adapters-persistence) or the in-memory ones.
 */
public final class Stack implements AutoCloseable {
    public static final IntegrationId INTEGRATION = IntegrationId.of("bench");

    private final FieldsyncCore core;
    private final VertxGateway gateway;
    private final Jobs jobs;
    private final List<AutoCloseable> resources;

    private Stack(FieldsyncCore core, VertxGateway gateway, Jobs jobs, List<AutoCloseable> resources) {
        this.core = core;
        this.gateway = gateway;
        this.jobs = jobs;
        this.resources = resources;
    }

    /** The knobs a measurement or a reliability test changes. */
    public record Options(String baseUrl, String key, RateBudget budget, Duration attemptTimeout,
            Duration backoffBase, Duration backoffCap, Duration deadline, UnaryOperator<CoreSettings> settings) {
        public static Options of(String baseUrl, String key, RateBudget budget) {
            return new Options(baseUrl, key, budget, Duration.ofSeconds(10), Duration.ofSeconds(1),
                    Duration.ofSeconds(20), Duration.ofSeconds(60), UnaryOperator.identity());
        }

        public Options withTimeouts(Duration attempt, Duration backoffBase, Duration backoffCap, Duration deadline) {
            return new Options(baseUrl, key, budget, attempt, backoffBase, backoffCap, deadline, settings);
        }

        public Options withSettings(UnaryOperator<CoreSettings> change) {
            return new Options(baseUrl, key, budget, attemptTimeout, backoffBase, backoffCap, deadline, change);
        }
    }

    /** Over SQL stores on {@code dataSource}, migrated first; the data source is closed with the stack when asked. */
    public static Stack sql(Options options, DataSource dataSource, boolean closeDataSource) {
        PersistenceAdapters stores = PersistenceAdapters.migrateAndOpen(dataSource);
        VertxGateway gateway = gateway(options);
        FieldsyncCore core = FieldsyncCore.builder().integration(INTEGRATION).gateway(gateway).budget(options.budget())
                .keySource(FixedKeySource.of(options.key())).jobs(stores.jobs()).checkpoints(stores.checkpoints())
                .catalogs(stores.lookupCatalogs()).submissions(stores.submissions())
                .webhookEvents(stores.webhookEvents())
                .settings(options.settings().apply(CoreSettings.defaults())).build();
        List<AutoCloseable> resources = new ArrayList<>();
        resources.add(gateway);
        if (closeDataSource && dataSource instanceof AutoCloseable closeable) {
            resources.add(closeable);
        }
        return new Stack(core, gateway, stores.jobs(), resources);
    }

    /** Over the in-memory stores of adapters-memory. */
    public static Stack memory(Options options) {
        InMemorySyncCheckpoints checkpoints = new InMemorySyncCheckpoints();
        InMemoryJobs jobs = new InMemoryJobs(checkpoints);
        VertxGateway gateway = gateway(options);
        FieldsyncCore core = FieldsyncCore.builder().integration(INTEGRATION).gateway(gateway).budget(options.budget())
                .keySource(FixedKeySource.of(options.key())).jobs(jobs).checkpoints(checkpoints)
                .catalogs(new InMemoryLookupCatalogs()).submissions(new InMemorySubmissions())
                .webhookEvents(new InMemoryWebhookEvents())
                .settings(options.settings().apply(CoreSettings.defaults())).build();
        return new Stack(core, gateway, jobs, List.of(gateway));
    }

    private static VertxGateway gateway(Options options) {
        return VertxGateway.builder().baseUrl(options.baseUrl()).keySource(FixedKeySource.of(options.key()))
                .budget(options.budget()).attemptTimeout(options.attemptTimeout())
                .backoff(options.backoffBase(), options.backoffCap()).deadline(options.deadline()).build();
    }

    public FieldsyncCore core() {
        return core;
    }

    public VertxGateway gateway() {
        return gateway;
    }

    public Jobs jobs() {
        return jobs;
    }

    public long mirrored() {
        return jobs.count(INTEGRATION);
    }

    @Override
    public void close() {
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception ignored) {
                // closing best effort: a benchmark's result does not depend on it
            }
        }
    }
}
