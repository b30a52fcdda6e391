package dev.fieldsync.app.wiring;

import dev.fieldsync.adapters.persistence.budget.BudgetSettings;
import dev.fieldsync.adapters.persistence.budget.BudgetTime;
import dev.fieldsync.adapters.persistence.budget.LocalRateBudget;
import dev.fieldsync.adapters.persistence.budget.SharedRateBudget;
import dev.fieldsync.adapters.persistence.sql.Database;
import dev.fieldsync.adapters.persistence.sql.Dialect;
import dev.fieldsync.adapters.vertx.gateway.VertxGateway;
import dev.fieldsync.adapters.vertx.key.EnvironmentKeySource;
import dev.fieldsync.adapters.vertx.key.FileKeySource;
import dev.fieldsync.adapters.vertx.key.RotatingKeySource;
import dev.fieldsync.app.config.ConfigurationProblem;
import dev.fieldsync.app.config.FieldsyncSettings;
import dev.fieldsync.app.config.SettingsReader;
import dev.fieldsync.application.CoreSettings;
import dev.fieldsync.application.FieldsyncCore;
import dev.fieldsync.domain.sync.SyncPolicy;
import dev.fieldsync.ports.out.budget.RateBudget;
import dev.fieldsync.ports.out.gateway.Gateway;
import dev.fieldsync.ports.out.gateway.GatewayClock;
import dev.fieldsync.ports.out.gateway.KeySource;
import dev.fieldsync.ports.out.log.LogFields;
import io.opentelemetry.api.trace.Tracer;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.Map;

/**
 * How the service is put together from its settings, with plain constructors: the key source, the budget, the
 * Vert.x gateway, the core settings and the core. {@link CoreFactory} exposes the results as beans; the
 * benchmarks' harness calls the same methods, so there is one way to wire fieldsync.
 */
public final class ServiceWiring {
    private ServiceWiring() {}

    /** Settings from plain properties (the names of the configuration reference), checked as the service does. */
    public static FieldsyncSettings settings(Map<String, String> properties) {
        return SettingsReader.of(properties).read();
    }

    /** Every tunable of the core from the settings; {@code ids} stays the default (random UUIDs). */
    public static CoreSettings coreSettings(FieldsyncSettings settings) {
        FieldsyncSettings.Dispatch dispatch = settings.dispatch();
        return CoreSettings.defaults()
                .with(core -> core.syncPolicy(new SyncPolicy(
                                settings.sync().overlap(),
                                settings.sync().firstPassHorizon(),
                                settings.sync().gatewayClock()))
                        .lookupRefreshAge(settings.lookups().refreshAge())
                        .staleIdRefreshInterval(settings.lookups().staleIdRefreshInterval())
                        .claimLease(dispatch.claimLease())
                        .reconcileMargin(settings.submissions().reconcileMargin())
                        .retryBackoff(dispatch.retryBackoffBase(), dispatch.retryBackoffMax())
                        .maxSendAttempts(dispatch.maxSendAttempts())
                        .notesReference(settings.submissions().notesReference())
                        .requestCaps(settings.requestCaps())
                        .sweep(settings.sweep()));
    }

    /** The gateway client of the settings: base URL, plain-http permission and every tunable. */
    public static VertxGateway gateway(
            FieldsyncSettings.Gateway settings,
            KeySource keys,
            RateBudget budget,
            Tracer tracer,
            LogFields logFields,
            Clock clock) {
        return gateway(settings, keys, budget, tracer, logFields, clock, null);
    }

    /** The same over a shared Vert.x instance ({@code null}: the client makes and closes its own). */
    public static VertxGateway gateway(
            FieldsyncSettings.Gateway settings,
            KeySource keys,
            RateBudget budget,
            Tracer tracer,
            LogFields logFields,
            Clock clock,
            Vertx vertx) {
        return VertxGateway.builder()
                .vertx(vertx)
                .baseUrl(settings.baseUrl().toString())
                .allowPlainHttp(settings.allowPlainHttp())
                .options(settings.client())
                .keySource(keys)
                .budget(budget)
                .tracer(tracer)
                .logFields(logFields)
                .clock(clock)
                .build();
    }

    /** The fixed key (demo, tests), else a key file, else the environment variable; the next key for a rotation. */
    public static KeySource keySource(FieldsyncSettings.Key key) {
        if (key.fixedValue().isPresent()) {
            return new PropertyKeySource(key.fixedValue().get());
        }
        KeySource current =
                key.file().<KeySource>map(FileKeySource::new).orElseGet(() -> new EnvironmentKeySource(key.envVar()));
        return key.nextFile()
                .<KeySource>map(next -> new RotatingKeySource(current, new FileKeySource(next)))
                .orElse(current);
    }

    /** This process's bucket, or one shared through PostgreSQL by every instance of the integration. */
    public static RateBudget budget(FieldsyncSettings settings, Database database) {
        FieldsyncSettings.Budget budget = settings.budget();
        BudgetSettings budgetSettings = new BudgetSettings(
                budget.ratePerMinute(), budget.burst(), budget.backgroundReserve(), budget.pauseAfterRateLimited());
        if (!budget.shared()) {
            return new LocalRateBudget(budgetSettings);
        }
        if (database.dialect() != Dialect.POSTGRESQL) {
            throw new ConfigurationProblem(
                    "fieldsync.budget.shared",
                    "is true but the datasource is " + database.dialect(),
                    "point datasources.default.url at PostgreSQL, or set fieldsync.budget.shared=false");
        }
        return new SharedRateBudget(
                database, "fieldsync:" + settings.integration().value(), budgetSettings, BudgetTime.system());
    }

    /** The application core of the settings' integration over these ports. */
    public static FieldsyncCore core(
            FieldsyncSettings settings,
            CoreSettings coreSettings,
            Stores stores,
            Gateway gateway,
            GatewayClock gatewayClock,
            RateBudget budget,
            KeySource keys,
            LogFields logFields,
            Clock clock) {
        return FieldsyncCore.builder()
                .integration(settings.integration())
                .gateway(gateway)
                .gatewayClock(gatewayClock)
                .budget(budget)
                .keySource(keys)
                .jobs(stores.jobs())
                .checkpoints(stores.checkpoints())
                .catalogs(stores.catalogs())
                .submissions(stores.submissions())
                .webhookEvents(stores.webhookEvents())
                .clock(clock)
                .logFields(logFields)
                .settings(coreSettings)
                .build();
    }
}
