package dev.fieldsync.app.scheduling;

import dev.fieldsync.adapters.persistence.integration.SqlIntegrationRegistry;
import dev.fieldsync.app.config.FieldsyncSettings;
import dev.fieldsync.application.StallWatch;
import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.domain.integration.IntegrationState;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether an operator has this service's integration paused (or it is disabled), as the registry says: re-read every
 * second by {@link ServiceLoops} (one primary-key read), so a pause made through any instance or the CLI holds on the
 * leader within a second, and a persisted pause holds from the first pass after a restart. The stall watch is told,
 * so a paused integration is no stall. While the registry cannot be read, the last known state holds.
 */
@Singleton
public class IntegrationPause {
    private static final Logger LOG = LoggerFactory.getLogger(IntegrationPause.class);

    private final SqlIntegrationRegistry registry;
    private final IntegrationId integration;
    private final StallWatch stallWatch;
    private volatile boolean paused;

    public IntegrationPause(FieldsyncSettings settings, SqlIntegrationRegistry registry, StallWatch stallWatch) {
        this.registry = registry;
        this.integration = settings.integration();
        this.stallWatch = stallWatch;
    }

    /** Reads the registry again; true while paused. */
    public boolean refresh() {
        try {
            boolean now = registry.find(integration)
                    .map(found -> found.state() != IntegrationState.RUNNING)
                    .orElse(false);
            if (now != paused) {
                LOG.info(
                        now
                                ? "integration {} is paused: no sync pass and no dispatch until it is resumed"
                                : "integration {} runs again",
                        integration);
            }
            paused = now;
            stallWatch.paused(now);
        } catch (RuntimeException unreadable) {
            LOG.warn("could not read the pause of integration {}: {}", integration, unreadable.getMessage());
        }
        return paused;
    }

    public boolean isPaused() {
        return paused;
    }
}
