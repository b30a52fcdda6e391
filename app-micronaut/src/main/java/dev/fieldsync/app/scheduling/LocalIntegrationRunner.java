package dev.fieldsync.app.scheduling;

import dev.fieldsync.app.config.FieldsyncSettings;
import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.domain.sync.PassRequest;
import dev.fieldsync.ports.out.integration.IntegrationRunner;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * This process runs one core, the settings' integration, through {@link ServiceLoops}; every other one it does not
 * serve. Who leads an integration comes from the shared leases on PostgreSQL (the same answer on every instance).
 */
@Singleton
public class LocalIntegrationRunner implements IntegrationRunner {
    private final IntegrationId served;
    private final String instanceId;
    private final ServiceLoops loops;
    private final SyncLeaderships leaderships;

    public LocalIntegrationRunner(FieldsyncSettings settings, ServiceLoops loops, SyncLeaderships leaderships) {
        this.served = settings.integration();
        this.instanceId = settings.instance().id();
        this.loops = loops;
        this.leaderships = leaderships;
    }

    @Override
    public Optional<String> leader(IntegrationId integration) {
        if (leaderships.shared()) {
            return leaderships.leader(integration);
        }
        return integration.equals(served) && loops.isLeader() ? Optional.of(instanceId) : Optional.empty();
    }

    @Override
    public PassRequest requestPass(IntegrationId integration) {
        return integration.equals(served) ? loops.syncNow() : PassRequest.NOT_SERVED;
    }
}
