package dev.fieldsync.app.wiring;

import dev.fieldsync.app.scheduling.IntegrationWork;
import dev.fieldsync.application.FieldsyncCore;
import dev.fieldsync.application.StallWatch;
import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.domain.webhook.WebhookSecret;
import dev.fieldsync.ports.in.changes.ReadChanges;
import java.util.List;
import java.util.Objects;

/**
 * Everything the API needs of one integration this process serves: its core's use cases, its stall-watched sync
 * (status, passes, stalls), its change feed, its background work and the secrets its webhooks are signed with
 * (current first, then the one being rotated out; empty when none is set).
 */
public record ServedIntegration(
        IntegrationId id,
        FieldsyncCore core,
        StallWatch sync,
        ReadChanges changes,
        IntegrationWork work,
        List<WebhookSecret> webhookSecrets) {

    public ServedIntegration {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(core, "core");
        Objects.requireNonNull(sync, "sync");
        Objects.requireNonNull(changes, "changes");
        Objects.requireNonNull(work, "work");
        webhookSecrets = List.copyOf(webhookSecrets);
    }
}
