package dev.fieldsync.app.wiring;

import dev.fieldsync.adapters.persistence.job.SqlJobs;
import dev.fieldsync.adapters.persistence.lookup.SqlLookupCatalogs;
import dev.fieldsync.adapters.persistence.sql.Database;
import dev.fieldsync.adapters.persistence.submission.SqlSubmissions;
import dev.fieldsync.adapters.persistence.sync.SqlSyncCheckpoints;
import dev.fieldsync.adapters.persistence.webhook.SqlWebhookEvents;
import dev.fieldsync.adapters.vertx.gateway.VertxGateway;
import dev.fieldsync.app.config.FieldsyncSettings;
import dev.fieldsync.app.config.SettingsReader;
import dev.fieldsync.app.logging.LogFormat;
import dev.fieldsync.app.logging.MdcLogFields;
import dev.fieldsync.app.metrics.LastGatewayOutcome;
import dev.fieldsync.app.metrics.MeteredGateway;
import dev.fieldsync.app.metrics.MeteredRateBudget;
import dev.fieldsync.app.metrics.RequestHistories;
import dev.fieldsync.app.metrics.RequestHistory;
import dev.fieldsync.app.scheduling.SyncLeadership;
import dev.fieldsync.app.scheduling.SyncLeaderships;
import dev.fieldsync.application.FieldsyncCore;
import dev.fieldsync.application.StallRule;
import dev.fieldsync.application.StallWatch;
import dev.fieldsync.ports.in.lookup.ResolveLookups;
import dev.fieldsync.ports.in.query.QueryJobs;
import dev.fieldsync.ports.in.sync.SweepJobs;
import dev.fieldsync.ports.in.verify.RequestVerification;
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
 * The composition root as beans: reads the settings, builds the adapters (SQL stores, budget, Vert.x gateway
 * wrapped in metric decorators) and the application core through {@link ServiceWiring}, and exposes the core's
 * use cases as beans.
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
        SettingsReader reader = new SettingsReader(
                name -> environment.getProperty(name, String.class), environment::getPropertyEntries);
        reader.datasourceUrl();
        FieldsyncSettings settings = reader.read();
        LogFormat.nameIntegration(settings.integration().value());
        return settings;
    }

    @Singleton
    LastGatewayOutcome lastGatewayOutcome(Clock clock) {
        return new LastGatewayOutcome(clock);
    }

    /**
     * The default integration's last hour of gateway calls per minute, recorded by the metrics decorators (the
     * console's budget page); every other integration's runtime records into its own.
     */
    @Singleton
    RequestHistory requestHistory(RequestHistories histories, FieldsyncSettings settings) {
        return histories.of(settings.integration());
    }

    @Singleton
    @Bean(preDestroy = "close")
    Tracing tracing(FieldsyncSettings settings) {
        return Tracing.from(settings.tracing());
    }

    /**
     * The stores are adapters-persistence's Micronaut Data beans (their transactions are Micronaut Data's);
     * {@link Database} is its bean too (the pool behind the data source and its dialect). Budget, key source and
     * gateway come from {@link ServiceWiring}, the one place that wires.
     */
    @Singleton
    @Bean(preDestroy = "close")
    Adapters adapters(
            FieldsyncSettings settings,
            Database database,
            SqlJobs jobs,
            SqlSyncCheckpoints checkpoints,
            SqlLookupCatalogs catalogs,
            SqlSubmissions submissions,
            SqlWebhookEvents webhookEvents,
            MeterRegistry registry,
            Tracing tracing,
            LastGatewayOutcome lastOutcome,
            RequestHistory history,
            Clock clock) {
        String integration = settings.integration().value();
        RateBudget budget =
                new MeteredRateBudget(ServiceWiring.budget(settings, database), registry, history, integration);
        KeySource keySource = ServiceWiring.keySource(settings.key());
        VertxGateway vertxGateway = ServiceWiring.gateway(
                settings.gateway(),
                keySource,
                budget,
                tracing.tracer(),
                MdcLogFields.of(settings.integration()),
                clock);
        return new Adapters(
                database,
                keySource,
                budget,
                new MeteredGateway(vertxGateway, registry, lastOutcome, history, integration),
                vertxGateway.gatewayClock(),
                jobs,
                checkpoints,
                catalogs,
                submissions,
                webhookEvents,
                vertxGateway);
    }

    @Singleton
    FieldsyncCore core(FieldsyncSettings settings, Adapters adapters, Clock clock) {
        return ServiceWiring.core(
                settings,
                ServiceWiring.coreSettings(settings),
                adapters.stores(),
                adapters.gateway(),
                adapters.gatewayClock(),
                adapters.budget(),
                adapters.keySource(),
                MdcLogFields.of(settings.integration()),
                clock);
    }

    @Singleton
    @Bean(preDestroy = "close")
    SyncLeadership syncLeadership(SyncLeaderships leaderships, FieldsyncSettings settings) {
        return leaderships.of(settings.integration());
    }

    /** Every pass of the service runs through the stall watch, which also answers readiness and GET /api/sync. */
    @Singleton
    StallWatch syncJobs(FieldsyncCore core, FieldsyncSettings settings, Clock clock) {
        FieldsyncSettings.Sync sync = settings.sync();
        return new StallWatch(
                core.syncJobs(),
                clock,
                new StallRule(sync.interval(), sync.stallAfterIntervals(), sync.stallAfterFailedPasses()));
    }

    @Singleton
    SweepJobs sweepJobs(FieldsyncCore core) {
        return core.sweepJobs();
    }

    @Singleton
    SubmitJob submitJob(FieldsyncCore core) {
        return core.submitJob();
    }

    @Singleton
    DispatchSubmissions dispatchSubmissions(FieldsyncCore core) {
        return core.dispatchSubmissions();
    }

    @Singleton
    ReviewSubmissions reviewSubmissions(FieldsyncCore core) {
        return core.reviewSubmissions();
    }

    @Singleton
    UpdateJob updateJob(FieldsyncCore core) {
        return core.updateJob();
    }

    @Singleton
    AppendJobNote appendJobNote(FieldsyncCore core) {
        return core.appendJobNote();
    }

    @Singleton
    CancelJob cancelJob(FieldsyncCore core) {
        return core.cancelJob();
    }

    @Singleton
    CreateSite createSite(FieldsyncCore core) {
        return core.createSite();
    }

    @Singleton
    ResolveLookups resolveLookups(FieldsyncCore core) {
        return core.lookups();
    }

    @Singleton
    VerifySetup verifySetup(FieldsyncCore core) {
        return core.verifySetup();
    }

    @Singleton
    RequestVerification requestVerification(FieldsyncCore core) {
        return core.requestVerification();
    }

    @Singleton
    HandleWebhookEvent handleWebhookEvent(FieldsyncCore core) {
        return core.webhooks();
    }

    @Singleton
    QueryJobs queryJobs(FieldsyncCore core) {
        return core.queryJobs();
    }
}
