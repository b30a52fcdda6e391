package dev.fieldsync.app.wiring;

import dev.fieldsync.domain.id.IntegrationId;
import java.util.List;
import java.util.Optional;

/**
 * The integrations this process answers for, each with its own core: what the integration-scoped REST paths
 * ({@code /api/integrations/{id}/...}), webhooks and CLI commands resolve their integration through. The
 * {@linkplain #defaultIntegration() default} is the one today's unscoped paths (e.g. {@code /api/jobs}) serve.
 */
public interface IntegrationCores {

    /** The integration of {@code fieldsync.integration-id} (named {@code default} unless set). */
    IntegrationId defaultIntegration();

    /** The integration when this process serves it; empty for an unknown, removed or not (yet) served one. */
    Optional<ServedIntegration> find(IntegrationId integration);

    /** Every integration this process serves now. */
    List<ServedIntegration> all();

    /**
     * Why an enabled integration is not served here or cannot work (its runtime could not be built, its key cannot be
     * read: the source is named, never a key); empty when it runs, or when this process does not know.
     */
    default Optional<String> problem(IntegrationId integration) {
        return Optional.empty();
    }
}
