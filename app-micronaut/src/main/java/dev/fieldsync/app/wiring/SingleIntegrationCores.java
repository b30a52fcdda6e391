package dev.fieldsync.app.wiring;

import dev.fieldsync.app.config.FieldsyncSettings;
import dev.fieldsync.app.scheduling.ServiceLoops;
import dev.fieldsync.application.FieldsyncCore;
import dev.fieldsync.application.StallWatch;
import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.ports.in.changes.ReadChanges;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

/** This process serves one integration: the settings' one, over the service's beans. */
@Singleton
public class SingleIntegrationCores implements IntegrationCores {
    private final ServedIntegration served;

    public SingleIntegrationCores(
            FieldsyncSettings settings, FieldsyncCore core, StallWatch sync, ReadChanges changes, ServiceLoops loops) {
        this.served = new ServedIntegration(
                settings.integration(),
                core,
                sync,
                changes,
                loops,
                settings.webhooks().secrets());
    }

    @Override
    public IntegrationId defaultIntegration() {
        return served.id();
    }

    @Override
    public Optional<ServedIntegration> find(IntegrationId integration) {
        return integration.equals(served.id()) ? Optional.of(served) : Optional.empty();
    }

    @Override
    public List<ServedIntegration> all() {
        return List.of(served);
    }
}
