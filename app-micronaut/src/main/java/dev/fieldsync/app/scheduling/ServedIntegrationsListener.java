package dev.fieldsync.app.scheduling;

import dev.fieldsync.domain.id.IntegrationId;
import java.util.Set;

/**
 * Told the integrations this process serves (the default one included) whenever the runtimes were reconciled with
 * the registry or one was removed, and the enabled ones that have a problem here (a runtime that could not be built,
 * a key that cannot be read): what follows each integration (its change deliverers, its gauges) starts and stops with
 * it. Called on the reconciling thread (the first time while the runtimes are built: do not look them up then).
 */
public interface ServedIntegrationsListener {
    void served(Set<IntegrationId> served, Set<IntegrationId> troubled);
}
