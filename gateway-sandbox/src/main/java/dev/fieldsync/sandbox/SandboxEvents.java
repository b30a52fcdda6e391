package dev.fieldsync.sandbox;

import dev.fieldsync.sandbox.data.Job;
import dev.fieldsync.sandbox.data.State;
import dev.fieldsync.sandbox.ratelimit.ScaledTime;
import dev.fieldsync.sandbox.webhook.WebhookDispatcher;
import java.util.Optional;

/**
 * Where a created job and a state change go: the tenant's office (which confirms and edits API-created jobs) and, for
 * the default tenant, webhooks.
 */
final class SandboxEvents implements Gateway.Events {
    private final Office office;
    private final Optional<WebhookDispatcher> webhooks;
    private final ScaledTime time;

    SandboxEvents(Office office, Optional<WebhookDispatcher> webhooks, ScaledTime time) {
        this.office = office;
        this.webhooks = webhooks;
        this.time = time;
    }

    @Override
    public void jobCreated(Job job) {
        office.created(job, time.nanos());
        webhooks.filter(WebhookDispatcher::enabled)
                .ifPresent(hooks -> hooks.emit(
                        "job.created",
                        "{\"id\":\"" + job.id + "\",\"number\":\"" + job.number + "\",\"status\":\"pending\"}"));
    }

    @Override
    public void statusChanged(Job job, State from, State to) {
        webhooks.filter(WebhookDispatcher::enabled)
                .ifPresent(hooks -> hooks.emit(
                        "job.status_changed",
                        "{\"id\":\"" + job.id + "\",\"number\":\"" + job.number + "\",\"status\":\"" + to.wire()
                                + "\",\"previous_status\":\"" + from.wire() + "\"}"));
    }
}
