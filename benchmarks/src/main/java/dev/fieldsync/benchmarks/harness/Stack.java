package dev.fieldsync.benchmarks.harness;

import dev.fieldsync.adapters.memory.InMemoryJobs;
import dev.fieldsync.adapters.memory.InMemoryLookupCatalogs;
import dev.fieldsync.adapters.memory.InMemorySubmissions;
import dev.fieldsync.adapters.memory.InMemorySyncCheckpoints;
import dev.fieldsync.adapters.memory.InMemoryWebhookEvents;
import dev.fieldsync.adapters.persistence.wiring.PersistenceAdapters;
import dev.fieldsync.adapters.vertx.gateway.VertxGateway;
import dev.fieldsync.app.config.FieldsyncSettings;
import dev.fieldsync.app.wiring.ServiceWiring;
import dev.fieldsync.app.wiring.Stores;
import dev.fieldsync.application.FieldsyncCore;
import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.ports.out.budget.RateBudget;
import dev.fieldsync.ports.out.gateway.KeySource;
import dev.fieldsync.ports.out.log.LogFields;
import dev.fieldsync.ports.out.store.Jobs;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The real client path, wired by the service's own {@link ServiceWiring} from {@code fieldsync.*} properties:
 * {@link FieldsyncCore} over a {@link VertxGateway} to the sandbox, a budget, and SQL stores (adapters-persistence)
 * or the in-memory ones. Only the budget is handed in (measurements count or share it).
 */
public final class Stack implements AutoCloseable {
    public static final IntegrationId INTEGRATION = IntegrationId.of("bench");

    private final FieldsyncCore core;
    private final VertxGateway gateway;
    private final Jobs jobs;
    private final List<AutoCloseable> resources;
    private PersistenceAdapters persistence;

    private Stack(FieldsyncCore core, VertxGateway gateway, Jobs jobs, List<AutoCloseable> resources) {
        this.core = core;
        this.gateway = gateway;
        this.jobs = jobs;
        this.resources = resources;
    }

    /** The budget, and the properties of the configuration reference a measurement or a reliability test sets. */
    public record Options(RateBudget budget, Map<String, String> properties) {
        public Options {
            properties = Map.copyOf(properties);
        }

        public static Options of(String baseUrl, String key, RateBudget budget) {
            Map<String, String> properties = new LinkedHashMap<>();
            properties.put("fieldsync.integration-id", INTEGRATION.value());
            properties.put("fieldsync.gateway.base-url", baseUrl);
            properties.put("fieldsync.key.value", key);
            return new Options(budget, properties);
        }

        /** One more property, e.g. {@code fieldsync.submissions.reconcile-margin}. */
        public Options with(String property, Object value) {
            Map<String, String> more = new LinkedHashMap<>(properties);
            more.put(property, value.toString());
            return new Options(budget, more);
        }

        public Options withTimeouts(Duration attempt, Duration backoffBase, Duration backoffCap, Duration deadline) {
            return with("fieldsync.gateway.attempt-timeout", attempt)
                    .with("fieldsync.gateway.backoff-base", backoffBase)
                    .with("fieldsync.gateway.backoff-cap", backoffCap)
                    .with("fieldsync.gateway.deadline", deadline);
        }
    }

    /**
     * Over SQL stores on {@code dataSource}, migrated first and configured by the options' {@code fieldsync.changes.*}
     * properties; the data source is closed with the stack when asked.
     */
    public static Stack sql(Options options, DataSource dataSource, boolean closeDataSource) {
        Map<String, Object> storeProperties = new LinkedHashMap<>();
        options.properties().forEach((name, value) -> {
            if (name.startsWith("fieldsync.changes.")) {
                storeProperties.put(name, value);
            }
        });
        PersistenceAdapters stores = PersistenceAdapters.migrateAndOpen(dataSource, storeProperties);
        // The stores' context stays open (as the reliability tests leave theirs): closing a context with the service
        // on the classpath tells the service's shutdown listeners, which cannot start without the service.
        List<AutoCloseable> resources = new ArrayList<>();
        if (closeDataSource && dataSource instanceof AutoCloseable closeable) {
            resources.add(closeable);
        }
        Stack stack = wire(
                options,
                new Stores(
                        stores.jobs(),
                        stores.checkpoints(),
                        stores.lookupCatalogs(),
                        stores.submissions(),
                        stores.webhookEvents()),
                resources);
        stack.persistence = stores;
        return stack;
    }

    /** Over the in-memory stores of adapters-memory. */
    public static Stack memory(Options options) {
        InMemorySyncCheckpoints checkpoints = new InMemorySyncCheckpoints();
        return wire(
                options,
                new Stores(
                        new InMemoryJobs(checkpoints),
                        checkpoints,
                        new InMemoryLookupCatalogs(),
                        new InMemorySubmissions(),
                        new InMemoryWebhookEvents()),
                new ArrayList<>());
    }

    private static Stack wire(Options options, Stores stores, List<AutoCloseable> resources) {
        FieldsyncSettings settings = ServiceWiring.settings(options.properties());
        KeySource keys = ServiceWiring.keySource(settings.key());
        VertxGateway gateway = ServiceWiring.gateway(
                settings.gateway(),
                keys,
                options.budget(),
                io.opentelemetry.api.OpenTelemetry.noop().getTracer("bench"),
                LogFields.NONE,
                Clock.systemUTC());
        resources.add(0, gateway);
        FieldsyncCore core = ServiceWiring.core(
                settings,
                ServiceWiring.coreSettings(settings),
                stores,
                gateway,
                gateway.gatewayClock(),
                options.budget(),
                keys,
                LogFields.NONE,
                Clock.systemUTC());
        return new Stack(core, gateway, stores.jobs(), resources);
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

    /** The SQL stores' context (its change log, delivery state), when the stack runs on SQL stores. */
    public java.util.Optional<PersistenceAdapters> persistence() {
        return java.util.Optional.ofNullable(persistence);
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
