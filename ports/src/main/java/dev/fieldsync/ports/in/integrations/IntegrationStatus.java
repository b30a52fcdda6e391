package dev.fieldsync.ports.in.integrations;

import dev.fieldsync.domain.integration.Integration;
import dev.fieldsync.ports.in.sync.SyncStatus;
import java.util.Objects;
import java.util.Optional;

/**
 * An integration with where it stands: the registry's entry, the instance leading its sync as seen from this one
 * (this instance's id, else empty), and its sync status when this process runs a core for it.
 */
public record IntegrationStatus(Integration integration, Optional<String> leader, Optional<SyncStatus> sync) {
    public IntegrationStatus {
        Objects.requireNonNull(integration, "integration");
        Objects.requireNonNull(leader, "leader");
        Objects.requireNonNull(sync, "sync");
    }
}
