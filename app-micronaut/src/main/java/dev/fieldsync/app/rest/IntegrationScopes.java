package dev.fieldsync.app.rest;

import dev.fieldsync.domain.id.IntegrationId;
import io.micronaut.core.annotation.Nullable;
import java.util.Optional;

/**
 * Which integration a call is for: the one named by {@code /api/integrations/{integration}/...}, or the default one
 * for today's unscoped paths ({@code /api/jobs}). Every resource controller answers both paths through
 * {@link #resolve}, so one method serves both. Implemented over the process's cores in {@code app.scoping} (this
 * package does not see the wiring, which uses its views).
 */
public interface IntegrationScopes {
    /** The scoped twin of a resource path under {@code /api}: {@code /api} + SCOPE + {@code /jobs}. */
    String SCOPE = "/integrations/{integration}";

    /**
     * The integration of the path variable, the default one when absent.
     *
     * @throws ProblemException 400 for a malformed id, 404 {@code unknown-integration}, 409
     *     {@code integration-not-served} (disabled, paused, or registered but not served by this process)
     */
    ScopedIntegration resolve(@Nullable String integration);

    /**
     * Why an enabled integration is not served here or cannot work (its runtime could not be built, its key cannot be
     * read: the source is named, never a key); empty when it runs.
     */
    Optional<String> problem(IntegrationId integration);
}
