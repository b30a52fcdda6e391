package dev.fieldsync.ports.out.integration;

import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.domain.sync.PassRequest;
import java.util.Optional;

/** What runs the integrations' background work in this process: who leads each one's sync, and "sync now". */
public interface IntegrationRunner {

    /**
     * The id of the instance that leads the integration's sync: where instances share leadership (leases in
     * PostgreSQL) whichever holds it, else this instance's while it leads; empty when none does.
     */
    Optional<String> leader(IntegrationId integration);

    /** Starts a pass soon when this instance leads the integration's sync (coalesced); says what it did. */
    PassRequest requestPass(IntegrationId integration);
}
