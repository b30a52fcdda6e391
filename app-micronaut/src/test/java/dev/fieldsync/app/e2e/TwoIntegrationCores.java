package dev.fieldsync.app.e2e;

import dev.fieldsync.adapters.persistence.budget.BudgetSettings;
import dev.fieldsync.adapters.persistence.budget.LocalRateBudget;
import dev.fieldsync.adapters.persistence.change.SqlChangeLog;
import dev.fieldsync.adapters.vertx.gateway.VertxGateway;
import dev.fieldsync.app.config.FieldsyncSettings;
import dev.fieldsync.app.logging.MdcLogFields;
import dev.fieldsync.app.scheduling.IntegrationLoops;
import dev.fieldsync.app.scheduling.IntegrationWork;
import dev.fieldsync.app.scheduling.ServiceLoops;
import dev.fieldsync.app.scheduling.SweepLoop;
import dev.fieldsync.app.wiring.Adapters;
import dev.fieldsync.app.wiring.IntegrationCores;
import dev.fieldsync.app.wiring.ServedIntegration;
import dev.fieldsync.app.wiring.ServiceWiring;
import dev.fieldsync.app.wiring.Stores;
import dev.fieldsync.app.wiring.Tracing;
import dev.fieldsync.application.FieldsyncCore;
import dev.fieldsync.application.StallRule;
import dev.fieldsync.application.StallWatch;
import dev.fieldsync.application.changes.ChangeFeed;
import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.domain.key.ApiKey;
import dev.fieldsync.domain.sync.PassRequest;
import dev.fieldsync.domain.webhook.WebhookSecret;
import dev.fieldsync.ports.in.changes.ReadChanges;
import dev.fieldsync.ports.in.sync.SyncProgress;
import dev.fieldsync.ports.in.sync.SyncProgressListener;
import dev.fieldsync.ports.out.gateway.KeySource;
import io.micronaut.context.annotation.Primary;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A test double of {@link IntegrationCores} until each registry integration gets its runtime: the service's default
 * integration plus a second one ({@code fieldsync.test.second.id}) with its own key, gateway, budget and webhook
 * secret, over the service's stores (keyed by integration, as every core's are). Its work runs in the caller's thread
 * ("sync now" runs the pass, a nudge dispatches or processes at once), so a test knows when it is done.
 */
@Singleton
@Primary
@Requires(property = "fieldsync.test.second.id")
public class TwoIntegrationCores implements IntegrationCores {
    private final ServedIntegration first;
    private final ServedIntegration second;
    private final VertxGateway gateway;

    public TwoIntegrationCores(
            FieldsyncSettings settings,
            FieldsyncCore core,
            StallWatch sync,
            ReadChanges changes,
            ServiceLoops loops,
            SweepLoop sweep,
            Adapters adapters,
            SqlChangeLog changeLog,
            Tracing tracing,
            Clock clock,
            @Value("${fieldsync.test.second.id}") String id,
            @Value("${fieldsync.test.second.key}") String key,
            @Value("${fieldsync.test.second.webhook-secret}") String webhookSecret) {
        this.first = new ServedIntegration(
                settings.integration(),
                core,
                sync,
                changes,
                new IntegrationLoops(loops, sweep),
                settings.webhooks().secrets());
        IntegrationId integration = IntegrationId.of(id);
        LocalRateBudget budget = new LocalRateBudget(new BudgetSettings(600, 60, 0, Duration.ofSeconds(1)));
        KeySource keys = new KeySource() {
            @Override
            public List<ApiKey> keys() {
                return List.of(ApiKey.of(key));
            }

            @Override
            public String describe() {
                return "the test's second key";
            }
        };
        this.gateway =
                ServiceWiring.gateway(settings.gateway(), keys, budget, tracing.tracer(), new MdcLogFields(), clock);
        Stores stores = adapters.stores();
        FieldsyncCore secondCore = FieldsyncCore.builder()
                .integration(integration)
                .gateway(gateway)
                .gatewayClock(gateway.gatewayClock())
                .budget(budget)
                .keySource(keys)
                .jobs(stores.jobs())
                .checkpoints(stores.checkpoints())
                .catalogs(stores.catalogs())
                .submissions(stores.submissions())
                .webhookEvents(stores.webhookEvents())
                .clock(clock)
                .settings(ServiceWiring.coreSettings(settings))
                .build();
        StallWatch secondSync = new StallWatch(secondCore.syncJobs(), clock, new StallRule(Duration.ofHours(1), 3, 3));
        this.second = new ServedIntegration(
                integration,
                secondCore,
                secondSync,
                new ChangeFeed(changeLog, integration, Duration.ofSeconds(1)),
                new InlineWork(secondCore, secondSync),
                List.of(WebhookSecret.of(webhookSecret)));
    }

    @Override
    public IntegrationId defaultIntegration() {
        return first.id();
    }

    @Override
    public Optional<ServedIntegration> find(IntegrationId integration) {
        return all().stream().filter(served -> served.id().equals(integration)).findFirst();
    }

    @Override
    public List<ServedIntegration> all() {
        return List.of(first, second);
    }

    /** The second integration, for the test to sync it. */
    public ServedIntegration second() {
        return second;
    }

    @PreDestroy
    void close() {
        gateway.close();
    }

    /** The second integration's work, done in the calling thread. */
    static final class InlineWork implements IntegrationWork {
        private final FieldsyncCore core;
        private final StallWatch sync;
        private volatile Instant lastStarted;

        InlineWork(FieldsyncCore core, StallWatch sync) {
            this.core = core;
            this.sync = sync;
        }

        @Override
        public synchronized PassRequest syncNow() {
            lastStarted = Instant.now();
            sync.runPass(SyncProgressListener.NONE);
            return PassRequest.STARTED;
        }

        @Override
        public void nudgeDispatch() {
            core.dispatchSubmissions().dispatchDue(10);
        }

        @Override
        public void nudgeWebhooks() {
            core.webhooks().processPending(10);
        }

        @Override
        public boolean isLeader() {
            return true;
        }

        @Override
        public boolean isSyncRunning() {
            return false;
        }

        @Override
        public Optional<SyncProgress> lastProgress() {
            return Optional.empty();
        }

        @Override
        public Optional<Instant> lastPassStartedAt() {
            return Optional.ofNullable(lastStarted);
        }

        @Override
        public SweepLoop.SweepRequest sweepNow() {
            return SweepLoop.SweepRequest.NOT_RUNNING;
        }

        @Override
        public boolean isSweepRunning() {
            return false;
        }
    }
}
