package dev.fieldsync.ports.in.webhook;

import dev.fieldsync.domain.webhook.WebhookEvent;

/**
 * Webhook events: accepted durably first (dedupe by event id), processed afterwards:
 * {@code job.status_changed} marks the mirrored job's state provisional and asks for a catch-up pass,
 * {@code job.created} asks for a catch-up pass.
 */
public interface HandleWebhookEvent {

    /** Stores a verified event; answer the gateway 2xx only after this returns. */
    Acceptance accept(WebhookEvent event);

    /** Processes up to {@code max} accepted events; returns how many were processed. */
    int processPending(int max);

    /** Whether an event was new. */
    enum Acceptance {
        ACCEPTED,
        DUPLICATE
    }
}
