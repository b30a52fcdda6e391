package dev.fieldsync.app.wiring;

import dev.fieldsync.adapters.persistence.budget.BudgetSettings;
import dev.fieldsync.adapters.persistence.budget.BudgetTime;
import dev.fieldsync.adapters.persistence.budget.LocalRateBudget;
import dev.fieldsync.adapters.persistence.budget.SharedRateBudget;
import dev.fieldsync.adapters.persistence.job.SqlJobs;
import dev.fieldsync.adapters.persistence.lookup.SqlLookupCatalogs;
import dev.fieldsync.adapters.persistence.sql.Database;
import dev.fieldsync.adapters.persistence.sql.Dialect;
import dev.fieldsync.adapters.persistence.submission.SqlSubmissions;
import dev.fieldsync.adapters.persistence.sync.SqlSyncCheckpoints;
import dev.fieldsync.adapters.persistence.webhook.SqlWebhookEvents;
import dev.fieldsync.adapters.vertx.gateway.VertxGateway;
import dev.fieldsync.adapters.vertx.key.EnvironmentKeySource;
import dev.fieldsync.adapters.vertx.key.FileKeySource;
import dev.fieldsync.adapters.vertx.key.RotatingKeySource;
import dev.fieldsync.app.config.FieldsyncSettings;
import dev.fieldsync.app.config.SettingsReader;
import dev.fieldsync.app.logging.LogFormat;
import dev.fieldsync.app.logging.MdcLogFields;
import dev.fieldsync.app.metrics.LastGatewayOutcome;
import dev.fieldsync.app.metrics.MeteredGateway;
import dev.fieldsync.app.metrics.MeteredRateBudget;
import dev.fieldsync.app.scheduling.AdvisoryLockLeadership;
import dev.fieldsync.app.scheduling.SingleInstanceLeadership;
import dev.fieldsync.app.scheduling.SyncLeadership;
import dev.fieldsync.application.CoreSettings;
import dev.fieldsync.application.FieldsyncCore;
import dev.fieldsync.domain.sync.SyncPolicy;
import dev.fieldsync.ports.in.lookup.ResolveLookups;
import dev.fieldsync.ports.in.query.QueryJobs;
import dev.fieldsync.ports.in.sync.SyncJobs;
import dev.fieldsync.ports.in.verify.VerifySetup;
import dev.fieldsync.ports.in.webhook.HandleWebhookEvent;
import dev.fieldsync.ports.in.write.AppendJobNote;
import dev.fieldsync.ports.in.write.CancelJob;
import dev.fieldsync.ports.in.write.CreateSite;
import dev.fieldsync.ports.in.write.DispatchSubmissions;
import dev.fieldsync.ports.in.write.ReviewSubmissions;
import dev.fieldsync.ports.in.write.SubmitJob;
import dev.fieldsync.ports.in.write.UpdateJob;
import dev.fieldsync.ports.out.budget.RateBudget;
import dev.fieldsync.ports.out.gateway.KeySource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.env.Environment;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * The composition root: reads the settings, builds the adapters (SQL stores, budget, Vert.x gateway wrapped in
 * metric decorators), the application core, and exposes the core's use cases as beans.
 */
@Factory
public class CoreFactory {

    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Every setting, checked once; a bad one stops start-up with one line (see ConfigurationProblem). */
    @Singleton
    FieldsyncSettings settings(Environment environment) {
        SettingsReader reader = new SettingsReader(name -> environment.getProperty(name, String.class));
        reader.datasourceUrl();
        FieldsyncSettings settings = reader.read();
        LogFormat.nameIntegration(settings.integration().value());
        return settings;
    }

    @Singleton
    LastGatewayOutcome lastGatewayOutcome(Clock clock) {
        return new LastGatewayOutcome(clock);
    }

    @Singleton
    @Bean(preDestroy = "close")
    Tracing tracing(FieldsyncSettings settings) {
        return Tracing.from(settings.tracing());
    }

    /**
     * The stores are adapters-persistence's Micronaut Data beans (their transactions are Micronaut Data's);
     * {@link Database} is its bean too (the pool behind the data source and its dialect). The catalog cache is
     * built here rather than taken from {@code PersistenceBeans} so it runs on this context's clock.
     */
    @Singleton
    @Bean(preDestroy = "close")
    Adapters adapters(FieldsyncSettings settings, Database database, SqlJobs jobs, SqlSyncCheckpoints checkpoints,
            SqlLookupCatalogs catalogs, SqlSubmissions submissions, SqlWebhookEvents webhookEvents,
            MeterRegistry registry, Tracing tracing, LastGatewayOutcome lastOutcome, Clock clock) {
        RateBudget budget = new MeteredRateBudget(budget(settings, database), registry);
        KeySource keySource = keySource(settings.key());
        VertxGateway vertxGateway = VertxGateway.builder()
                .baseUrl(settings.gateway().baseUrl().toString())
                .allowPlainHttp(settings.gateway().allowPlainHttp())
                .attemptTimeout(settings.gateway().attemptTimeout())
                .deadline(settings.gateway().deadline())
                .keySource(keySource)
                .budget(budget)
                .tracer(tracing.tracer())
                .logFields(new MdcLogFields())
                .clock(clock)
                .build();
        return new Adapters(database, keySource, budget, new MeteredGateway(vertxGateway, registry, lastOutcome),
                jobs, checkpoints, catalogs, submissions, webhookEvents,
                vertxGateway);
    }

    @Singleton
    FieldsyncCore core(FieldsyncSettings settings, Adapters adapters, Clock clock) {
        FieldsyncSettings.Sync sync = settings.sync();
        return FieldsyncCore.builder()
                .integration(settings.integration())
                .gateway(adapters.gateway())
                .budget(adapters.budget())
                .keySource(adapters.keySource())
                .jobs(adapters.jobs())
                .checkpoints(adapters.checkpoints())
                .catalogs(adapters.catalogs())
                .submissions(adapters.submissions())
                .webhookEvents(adapters.webhookEvents())
                .clock(clock)
                .logFields(new MdcLogFields())
                .settings(CoreSettings.defaults()
                        .withSyncPolicy(new SyncPolicy(sync.overlap(), sync.firstPassHorizon()))
                        .withNotesReference(settings.submissions().notesReference())
                        .withReconcileMargin(settings.submissions().reconcileMargin()))
                .build();
    }

    @Singleton
    @Bean(preDestroy = "close")
    SyncLeadership syncLeadership(Adapters adapters, FieldsyncSettings settings) {
        return adapters.database().dialect() == Dialect.POSTGRESQL
                ? new AdvisoryLockLeadership(adapters.database().dataSource(), settings.integration().value())
                : new SingleInstanceLeadership();
    }

    @Singleton SyncJobs syncJobs(FieldsyncCore core) { return core.syncJobs(); }
    @Singleton SubmitJob submitJob(FieldsyncCore core) { return core.submitJob(); }
    @Singleton DispatchSubmissions dispatchSubmissions(FieldsyncCore core) { return core.dispatchSubmissions(); }
    @Singleton ReviewSubmissions reviewSubmissions(FieldsyncCore core) { return core.reviewSubmissions(); }
    @Singleton UpdateJob updateJob(FieldsyncCore core) { return core.updateJob(); }
    @Singleton AppendJobNote appendJobNote(FieldsyncCore core) { return core.appendJobNote(); }
    @Singleton CancelJob cancelJob(FieldsyncCore core) { return core.cancelJob(); }
    @Singleton CreateSite createSite(FieldsyncCore core) { return core.createSite(); }
    @Singleton ResolveLookups resolveLookups(FieldsyncCore core) { return core.lookups(); }
    @Singleton VerifySetup verifySetup(FieldsyncCore core) { return core.verifySetup(); }
    @Singleton HandleWebhookEvent handleWebhookEvent(FieldsyncCore core) { return core.webhooks(); }
    @Singleton QueryJobs queryJobs(FieldsyncCore core) { return core.queryJobs(); }

    private static RateBudget budget(FieldsyncSettings settings, Database database) {
        FieldsyncSettings.Budget budget = settings.budget();
        BudgetSettings budgetSettings = new BudgetSettings(budget.ratePerMinute(), budget.burst(),
                budget.backgroundReserve(), budget.pauseAfterRateLimited());
        if (!budget.shared()) {
            return new LocalRateBudget(budgetSettings);
        }
        if (database.dialect() != Dialect.POSTGRESQL) {
            throw new dev.fieldsync.app.config.ConfigurationProblem("fieldsync.budget.shared",
                    "is true but the datasource is " + database.dialect(),
                    "point datasources.default.url at PostgreSQL, or set fieldsync.budget.shared=false");
        }
        return new SharedRateBudget(database, "fieldsync:" + settings.integration().value(), budgetSettings,
                BudgetTime.system());
    }

    private static KeySource keySource(FieldsyncSettings.Key key) {
        if (key.fixedValue().isPresent()) {
            return new PropertyKeySource(key.fixedValue().get());
        }
        KeySource current = key.file().<KeySource>map(FileKeySource::new)
                .orElseGet(() -> new EnvironmentKeySource(key.envVar()));
        return key.nextFile().<KeySource>map(next -> new RotatingKeySource(current, new FileKeySource(next)))
                .orElse(current);
    }
}
