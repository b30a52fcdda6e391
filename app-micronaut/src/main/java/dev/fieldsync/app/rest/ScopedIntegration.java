package dev.fieldsync.app.rest;

import dev.fieldsync.app.scheduling.IntegrationWork;
import dev.fieldsync.application.FieldsyncCore;
import dev.fieldsync.application.StallWatch;
import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.domain.webhook.WebhookSecret;
import dev.fieldsync.ports.in.changes.ReadChanges;
import java.util.List;
import java.util.Objects;

/**
 * The integration one call is for, as its controller uses it: the core whose use cases it calls, its stall-watched
 * sync, its change feed, its background work, the secrets its webhooks are signed with, whether it is the default
 * integration, and the API base the answer's links are written under ({@code /api} for an unscoped path,
 * {@code /api/integrations/{id}} for a scoped one). Found by {@link IntegrationScopes}.
 */
public record ScopedIntegration(
        IntegrationId id,
        boolean isDefault,
        FieldsyncCore core,
        StallWatch sync,
        ReadChanges changes,
        IntegrationWork work,
        List<WebhookSecret> webhookSecrets,
        String apiBase) {

    public ScopedIntegration {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(core, "core");
        Objects.requireNonNull(sync, "sync");
        Objects.requireNonNull(changes, "changes");
        Objects.requireNonNull(work, "work");
        webhookSecrets = List.copyOf(webhookSecrets);
        Objects.requireNonNull(apiBase, "apiBase");
    }

    /** A link to {@code rest} (e.g. {@code /submissions/7}) under the path the call came in on. */
    public String path(String rest) {
        return apiBase + rest;
    }
}
