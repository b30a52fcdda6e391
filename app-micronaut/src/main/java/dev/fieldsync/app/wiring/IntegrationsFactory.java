package dev.fieldsync.app.wiring;

import dev.fieldsync.adapters.persistence.change.SqlChangeLog;
import dev.fieldsync.adapters.persistence.integration.SqlIntegrationRegistry;
import dev.fieldsync.app.config.FieldsyncSettings;
import dev.fieldsync.app.config.SettingsReader;
import dev.fieldsync.app.metrics.RequestHistories;
import dev.fieldsync.app.scheduling.IntegrationLoops;
import dev.fieldsync.app.scheduling.LocalIntegrationRunner;
import dev.fieldsync.app.scheduling.LoopScheduler;
import dev.fieldsync.app.scheduling.ServedIntegrationsListener;
import dev.fieldsync.app.scheduling.ServiceLoops;
import dev.fieldsync.app.scheduling.SweepLoop;
import dev.fieldsync.app.scheduling.SyncLeaderships;
import dev.fieldsync.application.FieldsyncCore;
import dev.fieldsync.application.IntegrationService;
import dev.fieldsync.application.StallWatch;
import dev.fieldsync.ports.in.changes.ReadChanges;
import dev.fieldsync.ports.in.integrations.ManageIntegrations;
import dev.fieldsync.ports.in.sync.SyncJobs;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.env.Environment;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.Set;

/**
 * The integrations this process serves ({@link IntegrationRuntimes}: the default one over the service's beans, one
 * runtime per other enabled registry integration) and the registry's use cases over them.
 */
@Factory
public class IntegrationsFactory {
    /** How often the runtimes are reconciled with the registry (changes made through another instance or the CLI). */
    static final String REFRESH_INTERVAL = "fieldsync.registry.refresh-interval";

    @Singleton
    @Bean(preDestroy = "close")
    IntegrationRuntimes integrationRuntimes(
            FieldsyncSettings settings,
            Adapters adapters,
            FieldsyncCore core,
            StallWatch sync,
            ReadChanges changes,
            ServiceLoops loops,
            SweepLoop sweep,
            SqlChangeLog changeLog,
            SqlIntegrationRegistry registry,
            SyncLeaderships leaderships,
            LoopScheduler scheduler,
            MeterRegistry meters,
            Tracing tracing,
            Clock clock,
            Environment environment,
            List<ServedIntegrationsListener> listeners,
            RequestHistories histories,
            @Value("${fieldsync.registry.refresh-interval:5s}") String refreshInterval,
            @Value("${fieldsync.integration-from-registry:false}") boolean fromRegistry) {
        ServedIntegration defaultServed = new ServedIntegration(
                settings.integration(),
                core,
                sync,
                changes,
                new IntegrationLoops(loops, sweep),
                settings.webhooks().secrets());
        SecretSources secrets = new SecretSources(name -> environment.getProperty(name, String.class), System::getenv);
        return new IntegrationRuntimes(
                settings,
                defaultServed,
                adapters.budget(),
                registry,
                vertx -> new RuntimeContext(
                        settings,
                        adapters.database(),
                        adapters.stores(),
                        changeLog,
                        registry,
                        leaderships,
                        meters,
                        tracing.tracer(),
                        vertx,
                        clock,
                        secrets,
                        histories,
                        scheduler),
                SettingsReader.positiveDuration(REFRESH_INTERVAL, refreshInterval),
                listeners,
                !fromRegistry);
    }

    /**
     * The registry's use cases. The runtimes declare the settings' integration and those of
     * {@code fieldsync.integrations} in the registry when they are built (keeping a pause an operator set before), so
     * they are listed from the first call on; a change made here reconciles the runtimes at once.
     */
    @Singleton
    ManageIntegrations manageIntegrations(
            FieldsyncSettings settings,
            SqlIntegrationRegistry registry,
            IntegrationRuntimes runtimes,
            LocalIntegrationRunner runner,
            Clock clock) {
        return new IntegrationService(
                new ReconcilingRegistry(registry, runtimes),
                runner,
                id -> runtimes.find(id).map(served -> (SyncJobs) served.sync()),
                Set.of(settings.integration()),
                clock);
    }
}
