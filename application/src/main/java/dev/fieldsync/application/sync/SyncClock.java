package dev.fieldsync.application.sync;

import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.domain.sync.SyncPolicy;
import dev.fieldsync.ports.in.sync.GatewayClockStatus;
import dev.fieldsync.ports.out.budget.Priority;
import dev.fieldsync.ports.out.gateway.Gateway;
import dev.fieldsync.ports.out.gateway.GatewayClock;
import dev.fieldsync.ports.out.gateway.GatewayException;
import dev.fieldsync.ports.out.gateway.JobQuery;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The clock sync windows are built on (GATEWAY-API.md §9): the gateway's, ours plus the offset its {@code Date}
 * headers show, unless the policy turns that off. The gateway stamps {@code updated_at} with its own clock, so a
 * window on ours misses updates when the two differ by more than the overlap. With nothing known yet, a new pass
 * first reads one job (one request, once) to learn the offset. An offset over half the overlap is logged once
 * and shown in the status with what to do.
 */
final class SyncClock {
    private static final System.Logger LOG = System.getLogger(SyncClock.class.getName());
    static final String SETTING = "fieldsync.sync.gateway-clock";
    /**
     * How far past the estimate a window ends: its error (half a second of {@code Date} resolution plus half a
     * round trip). A window that ended at the estimate could end before the gateway's true "now", and a catch-up
     * pass would then miss the very change that asked for it; ending a little in the future only lists a change
     * twice (this pass and the next, whose window starts an overlap earlier).
     */
    static final Duration ESTIMATE_MARGIN = Duration.ofSeconds(1);

    private final IntegrationId integration;
    private final Clock clock;
    private final GatewayClock gatewayClock;
    private final SyncPolicy policy;
    private final AtomicBoolean sampled = new AtomicBoolean();
    private final AtomicBoolean warned = new AtomicBoolean();

    SyncClock(IntegrationId integration, Clock clock, GatewayClock gatewayClock, SyncPolicy policy) {
        this.integration = integration;
        this.clock = clock;
        this.gatewayClock = gatewayClock;
        this.policy = policy;
    }

    /** Now on the clock windows are built on: the gateway's when the policy says so and an estimate exists. */
    Instant now() {
        Instant ours = clock.instant();
        return policy.onGatewayClock() ? gatewayClock.onGatewayClock(ours) : ours;
    }

    /** Where a new window ends: {@link #now()}, plus {@link #ESTIMATE_MARGIN} when it is an estimate. */
    Instant windowEnd() {
        boolean estimated = policy.onGatewayClock() && gatewayClock.offset().isPresent();
        return estimated ? now().plus(ESTIMATE_MARGIN) : now();
    }

    /** Before a new window: learns the offset with one read when nothing is known, and warns when it is large. */
    void prepareWindow(Gateway gateway) {
        if (policy.onGatewayClock()
                && gatewayClock.estimates()
                && gatewayClock.offset().isEmpty()
                && sampled.compareAndSet(false, true)) {
            try {
                gateway.listJobs(JobQuery.open().withPageSize(1), Optional.empty(), Priority.BACKGROUND);
            } catch (GatewayException failure) {
                LOG.log(
                        Level.WARNING,
                        "sync {0}: could not read the gateway''s clock ({1}); this window ends on ours",
                        integration,
                        failure.describe());
            }
        }
        Optional<String> warning = warning();
        if (warning.isPresent() && warned.compareAndSet(false, true)) {
            LOG.log(Level.WARNING, "sync {0}: {1}", integration, warning.get());
        } else if (warning.isEmpty() && warned.compareAndSet(true, false)) {
            LOG.log(Level.INFO, "sync {0}: the gateway''s clock is within half the overlap of ours again", integration);
        }
    }

    GatewayClockStatus status() {
        return new GatewayClockStatus(gatewayClock.offset(), policy.onGatewayClock(), warning());
    }

    private Optional<String> warning() {
        return gatewayClock.offset().filter(policy::skewTooLarge).map(this::describe);
    }

    private String describe(Duration offset) {
        String skew = "the gateway's clock is " + Math.abs(Math.round(offset.toMillis() / 1000.0)) + " s "
                + (offset.isNegative() ? "behind" : "ahead of") + " ours, more than half the "
                + policy.overlap().toSeconds() + " s overlap (fieldsync.sync.overlap)";
        return policy.onGatewayClock()
                ? skew + "; windows are built on the gateway's clock (" + SETTING + "=true), so no update is missed"
                : skew + " and windows are built on ours (" + SETTING + "=false): updates stamped outside them are "
                        + "missed. Set " + SETTING + "=true, or raise fieldsync.sync.overlap above twice the offset";
    }
}
