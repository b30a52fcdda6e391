package dev.fieldsync.application.webhook;

import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.domain.job.JobState;
import dev.fieldsync.domain.webhook.WebhookEvent;
import dev.fieldsync.ports.in.sync.SyncJobs;
import dev.fieldsync.ports.in.webhook.HandleWebhookEvent;
import dev.fieldsync.ports.out.store.Jobs;
import dev.fieldsync.ports.out.store.WebhookEvents;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.Objects;

/**
 * Webhook events (GATEWAY-API.md §8): accepted durably with dedupe by event id, processed afterwards. A
 * status change marks the mirrored job's state provisional (the next pass confirms or replaces it); both
 * known types ask for a catch-up pass, which coalesces bursts. Unknown types are logged and marked
 * processed, so a new event type never blocks the queue.
 */
public final class WebhookProcessor implements HandleWebhookEvent {
    private static final System.Logger LOG = System.getLogger(WebhookProcessor.class.getName());

    private final IntegrationId integration;
    private final WebhookEvents events;
    private final Jobs jobs;
    private final SyncJobs sync;
    private final Clock clock;

    public WebhookProcessor(IntegrationId integration, WebhookEvents events, Jobs jobs, SyncJobs sync, Clock clock) {
        this.integration = Objects.requireNonNull(integration, "integration");
        this.events = Objects.requireNonNull(events, "events");
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.sync = Objects.requireNonNull(sync, "sync");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Acceptance accept(WebhookEvent event) {
        Objects.requireNonNull(event, "event");
        if (!event.integration().equals(integration)) {
            throw new IllegalArgumentException("event " + event.eventId() + " belongs to integration "
                    + event.integration() + ", but this core serves " + integration);
        }
        return events.accept(event) ? Acceptance.ACCEPTED : Acceptance.DUPLICATE;
    }

    @Override
    public int processPending(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("process at least one event, got max " + max);
        }
        int processed = 0;
        int ignored = 0;
        for (WebhookEvent event : events.unprocessed(integration, max)) {
            try {
                if (!handle(event)) {
                    ignored++;
                }
                events.markProcessed(integration, event.eventId(), clock.instant());
                processed++;
            } catch (RuntimeException failure) {
                LOG.log(Level.ERROR, "webhook event " + event.eventId() + " could not be processed", failure);
                events.markFailed(integration, event.eventId(), String.valueOf(failure), clock.instant());
            }
        }
        if (ignored > 0) {
            LOG.log(Level.INFO, "{0} webhook event(s) of unknown types ignored for {1}", ignored, integration);
        }
        return processed;
    }

    /** Returns false when the event type is unknown (ignored). */
    private boolean handle(WebhookEvent event) {
        switch (event.eventType()) {
            case WebhookEvent.JOB_STATUS_CHANGED -> {
                if (event.job().isPresent() && event.status().isPresent()) {
                    JobState state = JobState.fromWire(event.status().get());
                    boolean mirrored =
                            jobs.markProvisionalState(integration, event.job().get(), state, clock.instant());
                    if (!mirrored) {
                        LOG.log(
                                Level.DEBUG,
                                "status change of job {0} before it is mirrored; the catch-up brings it",
                                event.job().get());
                    }
                }
                sync.requestCatchUp();
                return true;
            }
            case WebhookEvent.JOB_CREATED -> {
                sync.requestCatchUp();
                return true;
            }
            default -> {
                LOG.log(
                        Level.INFO,
                        "webhook event {0} of unknown type {1} ignored",
                        event.eventId(),
                        event.eventType());
                return false;
            }
        }
    }
}
