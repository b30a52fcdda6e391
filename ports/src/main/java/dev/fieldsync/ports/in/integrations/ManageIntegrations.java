package dev.fieldsync.ports.in.integrations;

import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.domain.integration.Integration;
import dev.fieldsync.domain.sync.PassRequest;
import java.util.List;
import java.util.Optional;

/**
 * The operator's view of the integrations: list them, register, change and remove one, pause and resume one, ask for
 * a pass now.
 */
public interface ManageIntegrations {

    /** Every registered integration, by id. */
    List<IntegrationStatus> list();

    Optional<IntegrationStatus> find(IntegrationId id);

    /**
     * Pauses it, persistently and for every instance: no sync pass starts (a running one stops at its next page
     * boundary) and no queued submission is sent until it is resumed. Pausing a paused one keeps its first pause
     * time. Empty when there is no such integration.
     */
    Optional<IntegrationStatus> pause(IntegrationId id);

    /** Resumes it: passes and dispatch run again from the next tick. Empty when there is no such integration. */
    Optional<IntegrationStatus> resume(IntegrationId id);

    /** Asks for a pass now; {@link PassRequest#PAUSED} while paused or disabled; empty when there is no such integration. */
    Optional<PassRequest> requestPass(IntegrationId id);

    /**
     * Registers a new integration, validated by the caller (origin {@code API}).
     *
     * @throws IntegrationRefused {@code EXISTS} when its id is taken
     */
    IntegrationStatus create(Integration integration);

    /**
     * Replaces what the integration is declared as (its pause stays). Empty when there is no such integration.
     *
     * @throws IntegrationRefused {@code CONFIGURED} for one declared in the configuration
     */
    Optional<IntegrationStatus> update(Integration integration);

    /**
     * Removes it with every stored row keyed by its id (mirror, checkpoints, catalog, outbox, webhooks, change log,
     * consumer state). False when there is no such integration.
     *
     * @throws IntegrationRefused {@code CONFIGURED} for one declared in the configuration, {@code SERVED} for one
     *     this process runs a core for
     */
    boolean remove(IntegrationId id);
}
