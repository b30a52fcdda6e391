package dev.fieldsync.app.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldsync.app.config.InstanceSettings;
import dev.fieldsync.app.logging.MdcLogFields;
import dev.fieldsync.application.StallRule;
import dev.fieldsync.application.StallWatch;
import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.domain.integration.Integration;
import dev.fieldsync.domain.integration.IntegrationBudget;
import dev.fieldsync.domain.integration.IntegrationOrigin;
import dev.fieldsync.domain.integration.SecretReference;
import dev.fieldsync.ports.in.sync.SyncJobs;
import dev.fieldsync.ports.in.sync.SyncOutcome;
import dev.fieldsync.ports.in.sync.SyncProgressListener;
import dev.fieldsync.ports.in.sync.SyncStatus;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/**
 * The one scheduler all integrations' loops share (issue 15): a blocked pass of one integration holds up neither
 * another's pass nor anyone's dispatch; an integration's lane runs one task at a time in order; a loop never piles
 * up ticks; a worker names the integration while it works for it; the pauses of all integrations are one query.
 */
class LoopSchedulerTest {
    private static final Duration DEADLINE = Duration.ofSeconds(10);
    private static final IntegrationId ALPHA = IntegrationId.of("alpha");
    private static final IntegrationId BETA = IntegrationId.of("beta");

    private final AtomicReference<List<Integration>> registry = new AtomicReference<>(List.of());
    private final AtomicInteger registryReads = new AtomicInteger();
    private final LoopScheduler scheduler =
            new LoopScheduler(new InstanceSettings.Scheduler(2, 2, Duration.ofMillis(80)), () -> {
                registryReads.incrementAndGet();
                return registry.get();
            });

    @AfterEach
    void close() {
        scheduler.close();
    }

    @Test
    void aBlockedPassHoldsUpNeitherAnotherIntegrationsPassNorAnyDispatch() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch blocked = new CountDownLatch(1);
        Lane alphaSync = scheduler.passLane("fieldsync-sync-alpha", ALPHA);
        alphaSync.execute(() -> {
            blocked.countDown();
            await(release);
        });
        assertThat(blocked.await(10, TimeUnit.SECONDS)).isTrue();
        AtomicInteger betaPasses = new AtomicInteger();
        AtomicInteger alphaDispatches = new AtomicInteger();
        AtomicInteger alphaQueued = new AtomicInteger();
        scheduler
                .repeat(scheduler.passLane("fieldsync-sync-beta", BETA), () -> {
                    betaPasses.incrementAndGet();
                    return Duration.ofMillis(5);
                })
                .start(Duration.ZERO);
        scheduler
                .repeat(scheduler.workLane("fieldsync-dispatch-alpha", ALPHA), () -> {
                    alphaDispatches.incrementAndGet();
                    return Duration.ofMillis(5);
                })
                .start(Duration.ZERO);
        alphaSync.execute(alphaQueued::incrementAndGet); // behind alpha's blocked pass: its lane's order holds

        poll("beta's passes and alpha's dispatch go on", () -> betaPasses.get() >= 5 && alphaDispatches.get() >= 5);
        assertThat(alphaQueued)
                .as("alpha's next pass waits for its running one")
                .hasValue(0);
        assertThat(alphaSync.busy()).isTrue();
        release.countDown();
        poll("alpha's queued pass ran after the blocked one", () -> alphaQueued.get() == 1);
    }

    @Test
    void aLaneRunsOneTaskAtATimeInOrderAndALoopNeverPilesUpTicks() throws Exception {
        Lane lane = scheduler.passLane("fieldsync-sync-alpha", ALPHA);
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        List<Integer> order = new CopyOnWriteArrayList<>();
        for (int n = 0; n < 20; n++) {
            int task = n;
            lane.execute(() -> {
                if (inFlight.incrementAndGet() > 1) {
                    overlaps.incrementAndGet();
                }
                order.add(task);
                sleepQuietly(1);
                inFlight.decrementAndGet();
            });
        }
        AtomicInteger runs = new AtomicInteger();
        Repeating slow = scheduler
                .repeat(lane, () -> {
                    if (inFlight.incrementAndGet() > 1) {
                        overlaps.incrementAndGet();
                    }
                    runs.incrementAndGet();
                    sleepQuietly(20); // slower than its period: ticks must not queue up behind it
                    inFlight.decrementAndGet();
                    return Duration.ZERO;
                })
                .start(Duration.ZERO);
        for (int n = 0; n < 50; n++) {
            slow.wake(); // a burst of nudges adds at most one run
        }
        poll("the tasks and a few loop runs ran", () -> order.size() == 20 && runs.get() >= 3);
        slow.cancel();
        assertThat(lane.close(DEADLINE)).isTrue();
        int after = runs.get();
        assertThat(order).isSorted();
        assertThat(overlaps).hasValue(0);
        assertThat(lane.execute(() -> runs.addAndGet(1000)))
                .as("a closed lane takes nothing")
                .isFalse();
        assertThat(runs.get()).isEqualTo(after);
    }

    @Test
    void aWorkerCarriesTheIntegrationsNameAndMdcFieldOnlyWhileItWorksForIt() throws Exception {
        Map<String, String> seen = new ConcurrentHashMap<>();
        CountDownLatch done = new CountDownLatch(2);
        scheduler.passLane("fieldsync-sync-beta", BETA).execute(() -> {
            seen.put("beta.thread", Thread.currentThread().getName());
            seen.put("beta.mdc", String.valueOf(MDC.get(MdcLogFields.INTEGRATION)));
            done.countDown();
        });
        poll("beta's task ran", () -> seen.containsKey("beta.mdc"));
        scheduler.passLane("fieldsync-sync", ALPHA).execute(() -> {
            seen.put("alpha.thread", Thread.currentThread().getName());
            seen.put("alpha.mdc", String.valueOf(MDC.get(MdcLogFields.INTEGRATION)));
            done.countDown();
        });
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(seen.get("beta.thread")).matches("fieldsync-sync-beta-\\d+");
        assertThat(seen.get("beta.mdc")).isEqualTo("beta");
        assertThat(seen.get("alpha.thread")).matches("fieldsync-sync-\\d+");
        assertThat(seen.get("alpha.mdc")).isEqualTo("alpha");
        assertThat(scheduler.threads())
                .as("one timer and at most the pools' sizes")
                .isLessThanOrEqualTo(5);
    }

    @Test
    void theIdleBackoffDoublesUpToItsMaximumAndWorkResetsIt() {
        IdleBackoff backoff = new IdleBackoff(Duration.ofSeconds(1), Duration.ofSeconds(5));
        assertThat(List.of(
                        backoff.after(false),
                        backoff.after(false),
                        backoff.after(false),
                        backoff.after(false),
                        backoff.after(false)))
                .containsExactly(
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(2),
                        Duration.ofSeconds(4),
                        Duration.ofSeconds(5),
                        Duration.ofSeconds(5));
        assertThat(backoff.after(true)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.after(false)).isEqualTo(Duration.ofSeconds(1));
        assertThat(new IdleBackoff(Duration.ofSeconds(10), Duration.ofSeconds(5)).max())
                .as("never below the base")
                .isEqualTo(Duration.ofSeconds(10));
    }

    /** Both integrations' pauses come from one read of the registry, and a pause and a resume hold within the bound. */
    @Test
    void thePausesOfAllIntegrationsAreOneQueryAndTakeEffectWithinTheBound() throws Exception {
        IntegrationPause alpha = pause(ALPHA);
        IntegrationPause beta = pause(BETA);
        registry.set(List.of(declared(ALPHA, false), declared(BETA, false)));
        scheduler.pauses().watch(alpha);
        scheduler.pauses().watch(beta);
        int before = registryReads.get();
        assertThat(scheduler.pauses().refresh())
                .as("the bound: read again every second")
                .isEqualTo(Duration.ofSeconds(1));
        assertThat(registryReads.get() - before).as("one read for both").isEqualTo(1);

        registry.set(List.of(declared(ALPHA, true), declared(BETA, false)));
        long pausedAt = System.nanoTime();
        poll("alpha paused", alpha::isPaused);
        Duration took = Duration.ofNanos(System.nanoTime() - pausedAt);
        assertThat(beta.isPaused()).isFalse();
        assertThat(took)
                .as("within the refresh bound (and the deadline's slack)")
                .isLessThan(DEADLINE);

        registry.set(List.of(declared(ALPHA, false), declared(BETA, false)));
        poll("alpha resumed", () -> !alpha.isPaused());
        scheduler.pauses().unwatch(alpha);
        registry.set(List.of(declared(ALPHA, true), declared(BETA, true)));
        poll("beta paused", beta::isPaused);
        assertThat(alpha.isPaused()).as("no longer watched").isFalse();
    }

    private static IntegrationPause pause(IntegrationId integration) {
        SyncJobs none = new SyncJobs() {
            @Override
            public SyncOutcome runPass(SyncProgressListener listener) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void requestCatchUp() {}

            @Override
            public Optional<SyncOutcome> runCatchUpIfRequested(SyncProgressListener listener) {
                return Optional.empty();
            }

            @Override
            public SyncStatus status() {
                throw new UnsupportedOperationException();
            }
        };
        StallWatch watch = new StallWatch(none, Clock.systemUTC(), new StallRule(Duration.ofMinutes(5), 3, 3));
        return new IntegrationPause(integration, null, watch);
    }

    static Integration declared(IntegrationId id, boolean paused) {
        return new Integration(
                id,
                URI.create("https://gateway.example"),
                SecretReference.env("KEY"),
                Optional.empty(),
                List.of(),
                Duration.ofMinutes(5),
                new IntegrationBudget(38, 38, 4),
                true,
                IntegrationOrigin.CONFIGURATION,
                paused ? Optional.of(Instant.parse("2026-12-04T18:00:00Z")) : Optional.empty());
    }

    static void poll(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
