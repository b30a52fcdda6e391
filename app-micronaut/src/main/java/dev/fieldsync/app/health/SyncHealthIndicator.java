package dev.fieldsync.app.health;

import dev.fieldsync.app.config.FieldsyncSettings;
import dev.fieldsync.app.scheduling.IntegrationPause;
import dev.fieldsync.app.scheduling.ServiceLoops;
import dev.fieldsync.app.wiring.IntegrationRuntimes;
import dev.fieldsync.ports.in.sync.SyncJobs;
import dev.fieldsync.ports.in.sync.SyncStalls;
import dev.fieldsync.ports.in.sync.SyncStatus;
import io.micronaut.context.BeanProvider;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Readiness from the mirror's lag: DOWN when the last completed pass is older than {@code fieldsync.sync.max-lag}, and
 * DOWN when sync is stalled ({@code StallWatch}: the checkpoint unmoved for several intervals, or passes failing at
 * one checkpoint again and again), with the stall's message. Until a first pass completes the service is up but
 * reports "no pass yet" (a first full sync may take a while, and a moving one is no stall). While an operator has the
 * integration paused neither counts: UP, with {@code paused: true}. This is the {@code default} integration's sync (a
 * single-integration deployment is unchanged); every other integration served here is listed under
 * {@code integrations} with its stall, last pass and problem, and never makes the instance unready
 * ({@link IntegrationsHealth}).
 */
@Singleton
@Readiness
public class SyncHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {
    private final SyncJobs syncJobs;
    private final ServiceLoops loops;
    private final FieldsyncSettings settings;
    private final SyncStalls stalls;
    private final IntegrationPause pause;
    private final BeanProvider<IntegrationRuntimes> runtimes;
    private final IntegrationStatuses statuses;

    public SyncHealthIndicator(
            SyncJobs syncJobs,
            ServiceLoops loops,
            FieldsyncSettings settings,
            SyncStalls stalls,
            IntegrationPause pause,
            BeanProvider<IntegrationRuntimes> runtimes,
            IntegrationStatuses statuses) {
        this.syncJobs = syncJobs;
        this.statuses = statuses;
        this.runtimes = runtimes;
        this.pause = pause;
        this.stalls = stalls;
        this.loops = loops;
        this.settings = settings;
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        SyncStatus status = syncJobs.status();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("leader", loops.isLeader());
        details.put("running", loops.isSyncRunning());
        boolean paused = pause.isPaused();
        details.put("paused", paused);
        details.put("mirroredJobs", status.mirroredJobs());
        status.lastCompletedTo().ifPresent(to -> details.put("lastCompletedTo", to.toString()));
        status.lastError().ifPresent(error -> details.put("lastError", error));
        healthStatus = HealthStatus.UP;
        status.lag()
                .ifPresentOrElse(
                        lag -> {
                            details.put("lagSeconds", lag.toSeconds());
                            if (settings.sync().enabled()
                                    && !paused // paused on purpose: the lag grows, the instance still serves
                                    && lag.compareTo(settings.sync().maxLag()) > 0) {
                                healthStatus = HealthStatus.DOWN;
                                details.put(
                                        "reason",
                                        "the mirror lags more than "
                                                + settings.sync().maxLag());
                            }
                        },
                        () -> details.put("lagSeconds", "no completed pass yet"));
        if (status.goneReviewPending()) {
            // UP: the mirror is current; a person decides whether the jobs a sweep did not see are gone.
            details.put(
                    "warning",
                    "a sweep would mark more jobs gone than fieldsync.sweep.gone-guard-share allows: GET /api/sweep, "
                            + "then POST /api/sweep/review/accept or /api/sweep/review/dismiss");
        }
        if (status.missedByIncremental() > 0) {
            details.put("missedByIncremental", status.missedByIncremental());
        }
        if (settings.sync().enabled()) {
            stalls.stall().ifPresent(stall -> {
                healthStatus = HealthStatus.DOWN;
                details.put("stalled", stall.reason().name().toLowerCase(java.util.Locale.ROOT));
                details.put("stalledSince", stall.since().toString());
                details.put("reason", stall.message());
            });
        }
        IntegrationsHealth.Report others = IntegrationsHealth.of(runtimes.get(), statuses);
        if (!others.integrations().isEmpty()) {
            details.put("integrations", others.integrations());
        }
        if (!others.needLook().isEmpty()) {
            // UP all the same: one customer's stalled sync or missing key must not take the instance out of the load
            // balancer for everyone; fieldsync_sync_stalled and fieldsync_integration_problem alert on it per id.
            details.put(
                    "integrationsWarning",
                    "stalled or cannot work here: " + String.join(", ", others.needLook())
                            + " (see integrations; GET /api/integrations/{id})");
        }
        return details;
    }

    @Override
    protected String getName() {
        return "sync";
    }
}
