package dev.fieldsync.app.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldsync.app.delivery.ChangeConsumers;
import dev.fieldsync.application.delivery.ChangeConsumer;
import dev.fieldsync.application.delivery.ChangeDispatcher.Outcome;
import dev.fieldsync.domain.delivery.DeliveryPolicy;
import dev.fieldsync.domain.id.IntegrationId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * An idle deliverer backs off (poll interval, doubling, up to {@code fieldsync.scheduler.idle-max-delay}) and still
 * delivers a commit no local signal announced (another instance's) at its next look, so within the maximum; a local
 * commit ({@code wake}) is looked at at once. On a manual executor: each run is one step, the delays are the ones the
 * deliverer asked for (no wall clock).
 */
class ConsumerDelivererBackoffTest {
    private static final Duration POLL = Duration.ofSeconds(1);
    private static final Duration MAX = Duration.ofSeconds(5);

    private final ManualExecutor executor = new ManualExecutor();
    private final AtomicBoolean otherInstanceCommitted = new AtomicBoolean();
    private final List<Outcome> outcomes = new ArrayList<>();
    private final ConsumerDeliverer deliverer = new ConsumerDeliverer(
            IntegrationId.of("alpha"),
            new ChangeConsumers.Configured(
                    new ChangeConsumer("erp", Set.of(), batch -> List.of(), DeliveryPolicy.DEFAULT, 10),
                    "webhook",
                    "http://127.0.0.1:9/hooks",
                    true,
                    Set.of()),
            consumer -> {
                Outcome outcome = otherInstanceCommitted.getAndSet(false) ? Outcome.DELIVERED : Outcome.IDLE;
                outcomes.add(outcome);
                return outcome;
            },
            new SingleInstanceLeadership(),
            executor,
            POLL,
            MAX);

    @Test
    void anIdleDelivererBacksOffToTheMaximumAndStillDeliversAnotherInstancesCommitWithinIt() {
        deliverer.start();
        List<Duration> waits = new ArrayList<>();
        for (int n = 0; n < 6; n++) {
            waits.add(executor.runNext());
        }
        assertThat(waits)
                .as("the delay each look was scheduled after: at once, then the poll interval doubling up to the max")
                .containsExactly(
                        Duration.ZERO,
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(2),
                        Duration.ofSeconds(4),
                        Duration.ofSeconds(5),
                        Duration.ofSeconds(5));
        assertThat(executor.pendingDelay())
                .as("the next look is due within the maximum")
                .isEqualTo(MAX);

        otherInstanceCommitted.set(true); // no wake: the commit was made by another instance
        assertThat(executor.runNext()).isEqualTo(MAX);
        assertThat(outcomes.get(outcomes.size() - 1)).isEqualTo(Outcome.DELIVERED);
        assertThat(executor.pendingDelay()).as("more may be waiting: at once").isEqualTo(Duration.ZERO);
        executor.runNext();
        assertThat(executor.pendingDelay())
                .as("delivered work resets the backoff")
                .isEqualTo(POLL);
    }

    @Test
    void aLocalCommitWakesAnIdleDelivererAtOnce() {
        deliverer.start();
        for (int n = 0; n < 6; n++) {
            executor.runNext();
        }
        assertThat(executor.pendingDelay()).isEqualTo(MAX);
        otherInstanceCommitted.set(true);
        deliverer.wake();
        assertThat(executor.pendingDelay())
                .as("the backed-off look is replaced by one at once")
                .isEqualTo(Duration.ZERO);
        executor.runNext();
        assertThat(outcomes.get(outcomes.size() - 1)).isEqualTo(Outcome.DELIVERED);
        deliverer.stop(Duration.ofSeconds(1));
    }

    /** Records what is submitted or scheduled; {@link #runNext} runs the one live task (the deliverer keeps one). */
    static final class ManualExecutor extends ScheduledThreadPoolExecutor {
        private final List<Task> tasks = new ArrayList<>();

        ManualExecutor() {
            super(1);
        }

        @Override
        public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
            Task task = new Task(command, Duration.ofMillis(unit.toMillis(delay)));
            tasks.add(task);
            return task;
        }

        @Override
        public java.util.concurrent.Future<?> submit(Runnable command) {
            return schedule(command, 0, TimeUnit.MILLISECONDS);
        }

        private Task live() {
            List<Task> live = tasks.stream().filter(task -> !task.cancelled).toList();
            assertThat(live).as("one next look is scheduled").hasSize(1);
            return live.get(0);
        }

        Duration pendingDelay() {
            return live().delay;
        }

        /** Runs the live task; answers the delay it had been scheduled after. */
        Duration runNext() {
            Task task = live();
            tasks.remove(task);
            task.command.run();
            return task.delay;
        }
    }

    static final class Task implements ScheduledFuture<Object> {
        final Runnable command;
        final Duration delay;
        boolean cancelled;

        Task(Runnable command, Duration delay) {
            this.command = command;
            this.delay = delay;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(delay.toMillis(), TimeUnit.MILLISECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(getDelay(TimeUnit.MILLISECONDS), other.getDelay(TimeUnit.MILLISECONDS));
        }

        @Override
        public boolean cancel(boolean interrupt) {
            cancelled = true;
            return true;
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }

        @Override
        public boolean isDone() {
            return cancelled;
        }

        @Override
        public Object get() {
            return null;
        }

        @Override
        public Object get(long timeout, TimeUnit unit) {
            return null;
        }
    }
}
