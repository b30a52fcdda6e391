package dev.fieldsync.app.wiring;

import dev.fieldsync.adapters.vertx.gateway.VertxGateway;
import dev.fieldsync.app.config.FieldsyncSettings;
import dev.fieldsync.app.logging.MdcLogFields;
import dev.fieldsync.app.metrics.LastGatewayOutcome;
import dev.fieldsync.app.metrics.MeteredGateway;
import dev.fieldsync.app.metrics.MeteredRateBudget;
import dev.fieldsync.app.metrics.RequestHistory;
import dev.fieldsync.app.scheduling.IntegrationLoops;
import dev.fieldsync.app.scheduling.IntegrationPause;
import dev.fieldsync.app.scheduling.ServiceLoops;
import dev.fieldsync.app.scheduling.SweepLoop;
import dev.fieldsync.app.scheduling.SyncLeadership;
import dev.fieldsync.application.FieldsyncCore;
import dev.fieldsync.application.StallRule;
import dev.fieldsync.application.StallWatch;
import dev.fieldsync.application.changes.ChangeFeed;
import dev.fieldsync.domain.integration.Integration;
import dev.fieldsync.ports.out.budget.RateBudget;
import dev.fieldsync.ports.out.gateway.KeySource;
import dev.fieldsync.ports.out.gateway.KeyUnavailableException;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One registry integration in this process: its key source, budget, metered gateway (on the shared Vert.x), core over
 * the shared stores, stall watch, pause, sync leadership, loops (sync and catch-up on the leader, dispatch and webhook
 * processing) and sweep, and its change feed. Built from the registry's entry; {@link #start} runs the loops,
 * {@link #close} stops a running pass at its next page boundary and releases everything.
 */
final class IntegrationRuntime implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IntegrationRuntime.class);

    private final Integration declared;
    private final RateBudget budget;
    private final VertxGateway client;
    private final ServiceLoops loops;
    private final SweepLoop sweep;
    private final ServedIntegration served;
    private final KeySource keys;

    private IntegrationRuntime(
            Integration declared,
            RateBudget budget,
            VertxGateway client,
            ServiceLoops loops,
            SweepLoop sweep,
            ServedIntegration served,
            KeySource keys) {
        this.declared = declared;
        this.budget = budget;
        this.client = client;
        this.loops = loops;
        this.sweep = sweep;
        this.served = served;
        this.keys = keys;
    }

    /** Builds the integration's parts; starts nothing. A key that cannot be read now is logged by its source. */
    static IntegrationRuntime build(Integration integration, RuntimeContext context) {
        FieldsyncSettings settings = IntegrationSettings.of(
                context.service(), integration, context.secrets().webhookSecrets(integration));
        String id = integration.id().value();
        KeySource keys = context.secrets().keySource(integration);
        Optional<String> keyProblem = keyProblem(keys);
        keyProblem.ifPresent(problem -> LOG.warn(
                "integration {}: no key from {}: {}; its passes fail until it is set", id, keys.describe(), problem));
        RequestHistory history = context.histories().of(integration.id());
        RateBudget budget = new MeteredRateBudget(
                ServiceWiring.budget(settings, context.database()), context.meters(), history, id);
        VertxGateway client = ServiceWiring.gateway(
                settings.gateway(),
                keys,
                budget,
                context.tracer(),
                MdcLogFields.of(integration.id()),
                context.clock(),
                context.vertx());
        FieldsyncCore core = ServiceWiring.core(
                settings,
                ServiceWiring.coreSettings(settings),
                context.stores(),
                new MeteredGateway(client, context.meters(), new LastGatewayOutcome(context.clock()), history, id),
                client.gatewayClock(),
                budget,
                keys,
                MdcLogFields.of(integration.id()),
                context.clock());
        FieldsyncSettings.Sync sync = settings.sync();
        StallWatch watch = new StallWatch(
                core.syncJobs(),
                context.clock(),
                new StallRule(sync.interval(), sync.stallAfterIntervals(), sync.stallAfterFailedPasses()));
        IntegrationPause pause = new IntegrationPause(settings, context.registry(), watch);
        SyncLeadership leadership = context.leaderships().of(integration.id());
        ServiceLoops loops = new ServiceLoops(
                settings,
                watch,
                core.dispatchSubmissions(),
                core.webhooks(),
                leadership,
                pause,
                context.clock(),
                context.scheduler());
        SweepLoop sweep = new SweepLoop(settings, core.sweepJobs(), leadership, pause, context.scheduler());
        ChangeFeed changes = new ChangeFeed(
                context.changeLog(), integration.id(), Duration.ofSeconds(ChangeFeedFactory.POLL_SECONDS));
        ServedIntegration served = new ServedIntegration(
                integration.id(),
                core,
                watch,
                changes,
                new IntegrationLoops(loops, sweep),
                settings.webhooks().secrets());
        return new IntegrationRuntime(integration, budget, client, loops, sweep, served, keys);
    }

    private static Optional<String> keyProblem(KeySource keys) {
        try {
            keys.keys();
            return Optional.empty();
        } catch (KeyUnavailableException missing) {
            return Optional.of(missing.getMessage());
        }
    }

    /** The registry entry it was built from. */
    Integration declared() {
        return declared;
    }

    /** Whether {@code now} (the registry's entry today) needs a rebuild: anything but the pause changed. */
    boolean builtFrom(Integration now) {
        return declared.withPausedAt(Optional.empty()).equals(now.withPausedAt(Optional.empty()));
    }

    ServedIntegration served() {
        return served;
    }

    RateBudget budget() {
        return budget;
    }

    SweepLoop sweep() {
        return sweep;
    }

    /**
     * Why its key cannot be read now (names the source, never a key): read again at each call, so a key file or
     * variable fixed after the build clears it without a rebuild or restart.
     */
    Optional<String> keyProblem() {
        return keyProblem(keys);
    }

    /** Runs the loops (once). */
    void start() {
        loops.start();
        sweep.start();
    }

    /** Stops a running pass or sweep at its next page boundary, then closes the leadership and the client. */
    @Override
    public void close() {
        sweep.stop();
        loops.stop(); // closes the leadership
        client.close();
    }
}
