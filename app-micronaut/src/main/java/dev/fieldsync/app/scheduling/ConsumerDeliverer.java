package dev.fieldsync.app.scheduling;

import dev.fieldsync.app.delivery.ChangeConsumers;
import dev.fieldsync.app.logging.MdcLogFields;
import dev.fieldsync.application.delivery.ChangeConsumer;
import dev.fieldsync.application.delivery.ChangeDispatcher;
import dev.fieldsync.domain.id.IntegrationId;
import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The deliverer of one (integration, consumer) pair: a task on the shared delivery executor (no thread of its own, so
 * a hundred integrations with several consumers run on a few threads). While it holds the pair's lock it dispatches
 * batch after batch as long as there is something to deliver; then it releases the lock (an idle pair pins no
 * connection) and runs again after the next commit of its integration ({@link #wake}) or the poll interval; each idle
 * look doubles that wait, up to {@code fieldsync.scheduler.idle-max-delay}, so another instance's commit is delivered
 * within that maximum and a hundred idle pairs cost a query each per maximum, not per poll interval. Says when
 * the consumer pauses, dead-letters a change or starts failing, once per change of state rather than once per try;
 * its log lines carry the integration ({@code integration} MDC field).
 */
final class ConsumerDeliverer {
    private static final Logger LOG = LoggerFactory.getLogger(ConsumerDeliverer.class);
    /** How often an instance that is not the consumer's deliverer checks whether its lock became free. */
    private static final int TAKEOVER_POLLS = 5;

    private final IntegrationId integration;
    private final ChangeConsumers.Configured configured;
    private final Function<ChangeConsumer, ChangeDispatcher.Outcome> dispatcher;
    private final SyncLeadership lease;
    private final ScheduledExecutorService executor;
    private final Duration poll;
    private final IdleBackoff idle;
    private ChangeDispatcher.Outcome last = ChangeDispatcher.Outcome.IDLE;
    /** Guarded by this: the next run when none is in flight, whether one is, whether a wake came during it. */
    private Future<?> next;

    private boolean running;
    private boolean wokenWhileRunning;
    private boolean stopped;
    private volatile boolean delivering;

    ConsumerDeliverer(
            IntegrationId integration,
            ChangeConsumers.Configured configured,
            Function<ChangeConsumer, ChangeDispatcher.Outcome> dispatcher,
            SyncLeadership lease,
            ScheduledExecutorService executor,
            Duration poll,
            Duration idleMax) {
        this.integration = integration;
        this.configured = configured;
        this.dispatcher = dispatcher;
        this.lease = lease;
        this.executor = executor;
        this.poll = poll;
        this.idle = new IdleBackoff(poll, idleMax);
    }

    IntegrationId integration() {
        return integration;
    }

    String name() {
        return configured.name();
    }

    /** Whether this instance delivers to the consumer now (held its lock at its last run and found work or waits). */
    boolean leads() {
        return delivering;
    }

    void start() {
        wake();
    }

    /** Runs at once (or right after the run in flight) instead of at the next poll. */
    synchronized void wake() {
        if (stopped) {
            return;
        }
        if (running) {
            wokenWhileRunning = true;
            return;
        }
        if (next != null) {
            next.cancel(false);
        }
        next = submit(Duration.ZERO);
    }

    /** No run starts after this; waits for the one in flight (a batch, a few seconds at most), then frees the lock. */
    void stop(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            stopped = true;
            if (next != null) {
                next.cancel(false);
                next = null;
            }
            try {
                while (running) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        LOG.warn(
                                "delivery of {} to {} did not stop within {} s",
                                integration,
                                name(),
                                timeout.toSeconds());
                        break;
                    }
                    wait(Math.max(1, left / 1_000_000));
                }
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        delivering = false;
        lease.close();
    }

    private Future<?> submit(Duration after) {
        try {
            return after.isZero()
                    ? executor.submit(this::run)
                    : executor.schedule(this::run, after.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException shutDown) {
            stopped = true;
            return null;
        }
    }

    private void run() {
        synchronized (this) {
            if (stopped || running) {
                return;
            }
            running = true;
            wokenWhileRunning = false;
            next = null;
        }
        Duration wait = poll;
        try (MDC.MDCCloseable ignored = MDC.putCloseable(MdcLogFields.INTEGRATION, integration.value())) {
            wait = runOnce();
        } catch (RuntimeException failure) {
            LOG.warn(
                    "delivery of {} to {} failed, trying again in {}: {}",
                    integration,
                    name(),
                    poll,
                    failure.getMessage());
            wait = poll.multipliedBy(TAKEOVER_POLLS);
        } finally {
            synchronized (this) {
                running = false;
                if (!stopped) {
                    next = submit(wokenWhileRunning ? Duration.ZERO : wait);
                }
                notifyAll();
            }
        }
    }

    /** Takes the lock and delivers one batch; answers when to run again (zero: at once, more may be waiting). */
    private Duration runOnce() {
        if (!lease.tryLead()) {
            delivering = false;
            return poll.multipliedBy(TAKEOVER_POLLS);
        }
        delivering = true;
        Duration wait = deliverOnce();
        if (!wait.isZero()) {
            lease.release();
        }
        return wait;
    }

    /** One dispatch; answers how long to wait before the next (zero: at once, more may be waiting). */
    private Duration deliverOnce() {
        ChangeDispatcher.Outcome outcome = dispatcher.apply(configured.consumer());
        report(outcome);
        last = outcome;
        return switch (outcome) {
            case DELIVERED, DEAD_LETTERED -> {
                idle.after(true);
                yield Duration.ZERO;
            }
            case IDLE -> idle.after(false);
            case RETRYING, WAITING, PAUSED -> idle.after(true);
        };
    }

    private void report(ChangeDispatcher.Outcome outcome) {
        switch (outcome) {
            case PAUSED -> {
                if (last != ChangeDispatcher.Outcome.PAUSED) {
                    LOG.warn(
                            "change consumer {} is paused: it kept failing for longer than"
                                    + " fieldsync.changes.delivery.pause-after; nothing more is sent to {} until it is"
                                    + " resumed (fix the receiver, then 'fieldsync changes resume {}' or"
                                    + " POST /api/changes/consumers/{}/resume)",
                            name(),
                            configured.target(),
                            name(),
                            name());
                }
            }
            case DEAD_LETTERED ->
                LOG.warn(
                        "change consumer {}: a change was given up after its last attempt (dead letter); see"
                                + " GET /api/changes/consumers/{} and replay it with 'fieldsync changes replay {}"
                                + " --change <id>'",
                        name(),
                        name(),
                        name());
            case RETRYING -> {
                if (last != ChangeDispatcher.Outcome.RETRYING && last != ChangeDispatcher.Outcome.WAITING) {
                    LOG.warn(
                            "change consumer {}: delivery to {} failed, retrying on fieldsync.changes.delivery.retry-schedule",
                            name(),
                            configured.target());
                }
            }
            case DELIVERED -> {
                if (last == ChangeDispatcher.Outcome.RETRYING
                        || last == ChangeDispatcher.Outcome.WAITING
                        || last == ChangeDispatcher.Outcome.PAUSED) {
                    LOG.info("change consumer {}: delivering again", name());
                }
            }
            default -> {
                // idle or waiting for a retry: nothing new to say
            }
        }
    }
}
