package dev.fieldsync.app.scheduling;

import dev.fieldsync.adapters.persistence.integration.SqlIntegrationRegistry;
import dev.fieldsync.app.config.FieldsyncSettings;
import dev.fieldsync.application.StallWatch;
import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.domain.integration.Integration;
import dev.fieldsync.domain.integration.IntegrationState;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether an operator has this service's integration paused (or it is disabled), as the registry says: read once when
 * the loops start (so a persisted pause holds from the first pass after a restart), then every second with every
 * other integration's in one query ({@link PauseRefresh}), so a pause made through any instance or the CLI holds on
 * the leader within a second. The stall watch is told,
 * so a paused integration is no stall. While the registry cannot be read, the last known state holds.
 */
@Singleton
public class IntegrationPause {
    private static final Logger LOG = LoggerFactory.getLogger(IntegrationPause.class);

    private final SqlIntegrationRegistry registry;
    private final IntegrationId integration;
    private final StallWatch stallWatch;
    private volatile boolean paused;

    @Inject
    public IntegrationPause(FieldsyncSettings settings, SqlIntegrationRegistry registry, StallWatch stallWatch) {
        this(settings.integration(), registry, stallWatch);
    }

    IntegrationPause(IntegrationId integration, SqlIntegrationRegistry registry, StallWatch stallWatch) {
        this.registry = registry;
        this.integration = integration;
        this.stallWatch = stallWatch;
    }

    IntegrationId integration() {
        return integration;
    }

    /** Reads the registry again (one primary-key read); true while paused. */
    public boolean refresh() {
        try {
            apply(registry.find(integration));
        } catch (RuntimeException unreadable) {
            LOG.warn("could not read the pause of integration {}: {}", integration, unreadable.getMessage());
        }
        return paused;
    }

    /** Takes the registry's entry as read (with every other integration's): paused unless it runs; absent runs. */
    void apply(Optional<Integration> found) {
        boolean now =
                found.map(entry -> entry.state() != IntegrationState.RUNNING).orElse(false);
        if (now != paused) {
            LOG.info(
                    now
                            ? "integration {} is paused: no sync pass and no dispatch until it is resumed"
                            : "integration {} runs again",
                    integration);
        }
        paused = now;
        stallWatch.paused(now);
    }

    public boolean isPaused() {
        return paused;
    }
}
