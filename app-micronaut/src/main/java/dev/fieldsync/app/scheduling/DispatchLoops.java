package dev.fieldsync.app.scheduling;

import dev.fieldsync.app.config.FieldsyncSettings;
import dev.fieldsync.ports.in.webhook.HandleWebhookEvent;
import dev.fieldsync.ports.in.write.DispatchSubmissions;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One integration's outbox dispatch and webhook processing on every instance (part of {@link ServiceLoops}): each on a
 * lane of the shared scheduler's short-work pool, so neither waits for a sync pass nor for the other. Dispatch looks
 * every {@code fieldsync.dispatch.interval} and webhook processing every second while they find work; a look that
 * finds none doubles the wait, up to {@code fieldsync.scheduler.idle-max-delay} (5 s): so an idle integration costs a
 * query each per 5 s, not one per interval. A submission or webhook event stored through this instance wakes its loop
 * at once; one stored through another instance, or a retry that came due, is seen within the idle maximum.
 * No dispatch while the integration is paused.
 */
final class DispatchLoops {
    private static final Logger LOG = LoggerFactory.getLogger(DispatchLoops.class);
    private static final int WEBHOOK_BATCH = 50;
    static final Duration WEBHOOK_EVERY = Duration.ofSeconds(1);

    private final FieldsyncSettings settings;
    private final DispatchSubmissions dispatch;
    private final HandleWebhookEvent webhooks;
    private final IntegrationPause pause;
    private final LoopScheduler scheduler;
    private final IdleBackoff dispatchBackoff;
    private final IdleBackoff webhookBackoff;
    private volatile boolean stopping;
    private Lane dispatchLane;
    private Lane webhookLane;
    private volatile Repeating dispatchLoop;
    private volatile Repeating webhookLoop;

    DispatchLoops(
            FieldsyncSettings settings,
            DispatchSubmissions dispatch,
            HandleWebhookEvent webhooks,
            IntegrationPause pause,
            LoopScheduler scheduler) {
        this.settings = settings;
        this.dispatch = dispatch;
        this.webhooks = webhooks;
        this.pause = pause;
        this.scheduler = scheduler;
        this.dispatchBackoff = scheduler.backoff(settings.dispatch().interval());
        this.webhookBackoff = scheduler.backoff(WEBHOOK_EVERY);
    }

    /** Starts both loops (once, from {@link ServiceLoops#start}); {@code suffix} names the integration's threads. */
    void start(String suffix) {
        dispatchLane = scheduler.workLane("fieldsync-dispatch" + suffix, settings.integration());
        webhookLane = scheduler.workLane("fieldsync-webhooks" + suffix, settings.integration());
        dispatchLoop = scheduler
                .repeat(dispatchLane, this::dispatchDue)
                .start(settings.dispatch().interval());
        webhookLoop = scheduler.repeat(webhookLane, this::processWebhooks).start(WEBHOOK_EVERY);
    }

    /** A submission was stored: send it now instead of at the next look. */
    void nudgeDispatch() {
        Repeating loop = dispatchLoop;
        if (loop != null) {
            loop.wake();
        }
    }

    /** A webhook event was stored: process it now. */
    void nudgeWebhooks() {
        Repeating loop = webhookLoop;
        if (loop != null) {
            loop.wake();
        }
    }

    /** No new look starts; a batch in flight stops at its end. */
    void cancel() {
        stopping = true;
        if (dispatchLoop != null) {
            dispatchLoop.cancel();
            webhookLoop.cancel();
        }
    }

    /** Waits (10 s at most each) for the batch in flight. */
    void stop() {
        cancel();
        if (dispatchLane != null) {
            dispatchLane.close(Duration.ofSeconds(10));
            webhookLane.close(Duration.ofSeconds(10));
        }
    }

    /** Sends what is due; answers the wait before the next look (backing off while nothing is due). */
    private Duration dispatchDue() {
        if (stopping || pause.isPaused()) {
            return dispatchBackoff.base(); // no query while paused; resumed, it looks within the interval
        }
        boolean found = false;
        try {
            DispatchSubmissions.DispatchReport report;
            do {
                report = dispatch.dispatchDue(settings.dispatch().batch());
                if (report.total() > 0) {
                    found = true;
                    LOG.info(
                            "dispatched {} submission(s): {} created, {} outcome unknown, {} failed, {} retry later",
                            report.total(),
                            report.created(),
                            report.outcomeUnknown(),
                            report.failed(),
                            report.retryLater());
                }
            } while (report.total() >= settings.dispatch().batch()
                    && report.retryLater() == 0
                    && !stopping
                    && !pause.isPaused());
        } catch (RuntimeException failure) {
            LOG.warn("dispatch failed: {}", failure.getMessage());
            found = true; // try again at the interval, not after a backoff
        }
        return dispatchBackoff.after(found);
    }

    /** Processes the stored webhook events; answers the wait before the next look (backing off while none came). */
    private Duration processWebhooks() {
        if (stopping) {
            return webhookBackoff.base();
        }
        boolean found = false;
        try {
            int processed;
            do {
                processed = webhooks.processPending(WEBHOOK_BATCH);
                found |= processed > 0;
            } while (processed >= WEBHOOK_BATCH && !stopping);
        } catch (RuntimeException failure) {
            LOG.warn("webhook processing failed: {}", failure.getMessage());
            found = true;
        }
        return webhookBackoff.after(found);
    }
}
