package dev.fieldsync.app.scheduling;

import dev.fieldsync.app.config.FieldsyncSettings;
import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.domain.sync.PassRequest;
import dev.fieldsync.ports.out.integration.IntegrationRunner;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * The integrations' background work in this process, through the {@link IntegrationWorks} it serves: "sync now" for
 * every integration it runs (one it does not serve — unknown, disabled, or whose runtime could not be built — answers
 * {@link PassRequest#NOT_SERVED}). Who leads an integration comes from the shared leases on PostgreSQL (the same
 * answer on every instance), else this instance while its loops lead.
 */
@Singleton
public class LocalIntegrationRunner implements IntegrationRunner {
    private final String instanceId;
    private final Provider<IntegrationWorks> works;
    private final SyncLeaderships leaderships;

    public LocalIntegrationRunner(
            FieldsyncSettings settings, Provider<IntegrationWorks> works, SyncLeaderships leaderships) {
        this.instanceId = settings.instance().id();
        this.works = works;
        this.leaderships = leaderships;
    }

    @Override
    public Optional<String> leader(IntegrationId integration) {
        if (leaderships.shared()) {
            return leaderships.leader(integration);
        }
        return works.get().work(integration).filter(IntegrationWork::isLeader).map(work -> instanceId);
    }

    @Override
    public PassRequest requestPass(IntegrationId integration) {
        return works.get().work(integration).map(IntegrationWork::syncNow).orElse(PassRequest.NOT_SERVED);
    }
}
