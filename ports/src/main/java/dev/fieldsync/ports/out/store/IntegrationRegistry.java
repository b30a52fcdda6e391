package dev.fieldsync.ports.out.store;

import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.domain.integration.Integration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The durable registry of integrations: what each one is, and whether an operator paused it. */
public interface IntegrationRegistry {

    /**
     * Stores the integration as declared (by configuration, at start-up): inserts it, or updates every declared
     * member of the stored one while keeping its pause, which belongs to the operator. Returns what is stored.
     */
    Integration declare(Integration declared);

    /** Every integration, by id. */
    List<Integration> list();

    Optional<Integration> find(IntegrationId id);

    /** Pauses (since {@code at}, unless already paused) or resumes it; empty when there is no such integration. */
    Optional<Integration> setPaused(IntegrationId id, boolean paused, Instant at);

    /** Stores a new integration; false (and nothing changed) when one with its id exists. */
    boolean create(Integration integration);

    /** Replaces the declared members of a stored one, keeping its pause; empty when there is none. */
    Optional<Integration> update(Integration integration);

    /** Removes the integration and every stored row keyed by its id; false when there was none. */
    boolean remove(IntegrationId id);
}
