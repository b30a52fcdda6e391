package dev.fieldsync.ports.out.integration;

import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.domain.sync.PassRequest;
import java.util.Optional;

/** What runs the integrations' background work in this process: who leads each one's sync, and "sync now". */
public interface IntegrationRunner {

    /** This instance's id while it leads the integration's sync; empty when another instance (or none) does. */
    Optional<String> leader(IntegrationId integration);

    /** Starts a pass soon when this instance leads the integration's sync (coalesced); says what it did. */
    PassRequest requestPass(IntegrationId integration);
}
