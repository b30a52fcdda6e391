package dev.fieldsync.sandbox;

import dev.fieldsync.sandbox.data.Job;
import dev.fieldsync.sandbox.data.State;
import dev.fieldsync.sandbox.ratelimit.ScaledTime;
import dev.fieldsync.sandbox.webhook.WebhookDispatcher;

/** Where a created job and a state change go: the office (which confirms and edits API-created jobs) and webhooks. */
final class SandboxEvents implements Gateway.Events {
    private final Office office;
    private final WebhookDispatcher webhooks;
    private final ScaledTime time;

    SandboxEvents(Office office, WebhookDispatcher webhooks, ScaledTime time) {
        this.office = office;
        this.webhooks = webhooks;
        this.time = time;
    }

    @Override
    public void jobCreated(Job job) {
        office.created(job, time.nanos());
        if (webhooks.enabled()) {
            webhooks.emit(
                    "job.created",
                    "{\"id\":\"" + job.id + "\",\"number\":\"" + job.number + "\",\"status\":\"pending\"}");
        }
    }

    @Override
    public void statusChanged(Job job, State from, State to) {
        if (webhooks.enabled()) {
            webhooks.emit(
                    "job.status_changed",
                    "{\"id\":\"" + job.id + "\",\"number\":\"" + job.number + "\",\"status\":\"" + to.wire()
                            + "\",\"previous_status\":\"" + from.wire() + "\"}");
        }
    }
}
