package dev.fieldsync.app.scheduling;

import dev.fieldsync.app.delivery.ChangeConsumers;
import dev.fieldsync.application.delivery.ChangeDispatcher;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One consumer's deliverer: a thread that, while it holds the consumer's lock, dispatches batch after batch as long
 * as there is something to deliver, then waits for the next commit or poll. Says when the consumer pauses, dead-letters
 * a change or starts failing, once per change of state rather than once per try.
 */
final class ConsumerDeliverer {
    private static final Logger LOG = LoggerFactory.getLogger(ConsumerDeliverer.class);
    /** How often an instance that is not the consumer's deliverer checks whether its lock became free. */
    private static final int TAKEOVER_POLLS = 5;

    private final ChangeConsumers.Configured configured;
    private final ChangeDispatcher dispatcher;
    private final SyncLeadership lease;
    private final DeliverySignal signal;
    private final Duration poll;
    private final Thread thread;
    private volatile boolean stopRequested;
    private ChangeDispatcher.Outcome last = ChangeDispatcher.Outcome.IDLE;

    ConsumerDeliverer(
            ChangeConsumers.Configured configured,
            ChangeDispatcher dispatcher,
            SyncLeadership lease,
            DeliverySignal signal,
            Duration poll) {
        this.configured = configured;
        this.dispatcher = dispatcher;
        this.lease = lease;
        this.signal = signal;
        this.poll = poll;
        this.thread = new Thread(this::run, "fieldsync-deliver-" + configured.name());
        this.thread.setDaemon(true);
    }

    String name() {
        return configured.name();
    }

    boolean leads() {
        return lease.isLeader();
    }

    void start() {
        thread.start();
    }

    void requestStop() {
        stopRequested = true;
    }

    void awaitStop(Duration timeout) {
        try {
            thread.join(timeout.toMillis());
            if (thread.isAlive()) {
                LOG.warn("delivery to {} did not stop within {} s", name(), timeout.toSeconds());
                thread.interrupt();
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        } finally {
            lease.close();
        }
    }

    private void run() {
        while (!stopRequested) {
            long seen = signal.generation();
            Duration wait;
            try {
                wait = lease.tryLead() ? deliverOnce() : poll.multipliedBy(TAKEOVER_POLLS);
            } catch (RuntimeException failure) {
                LOG.warn("delivery to {} failed, trying again in {}: {}", name(), poll, failure.getMessage());
                wait = poll.multipliedBy(TAKEOVER_POLLS);
            }
            if (wait.isZero()) {
                continue;
            }
            try {
                signal.awaitAfter(seen, wait);
            } catch (InterruptedException interrupted) {
                return;
            }
        }
    }

    /** One dispatch; answers how long to wait before the next (zero: at once, more may be waiting). */
    private Duration deliverOnce() {
        ChangeDispatcher.Outcome outcome = dispatcher.dispatch(configured.consumer());
        report(outcome);
        last = outcome;
        return switch (outcome) {
            case DELIVERED, DEAD_LETTERED -> Duration.ZERO;
            case IDLE, RETRYING, WAITING, PAUSED -> poll;
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
