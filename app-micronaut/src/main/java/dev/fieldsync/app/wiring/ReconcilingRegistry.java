package dev.fieldsync.app.wiring;

import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.domain.integration.Integration;
import dev.fieldsync.ports.out.store.IntegrationRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The registry as the admin API changes it on this instance: after a create, update, pause or resume the runtimes
 * are reconciled at once (other instances see it at their next refresh); a removal first stops the integration's
 * runtime (its pass at a page boundary), then deletes it with its data.
 */
final class ReconcilingRegistry implements IntegrationRegistry {
    private final IntegrationRegistry delegate;
    private final IntegrationRuntimes runtimes;

    ReconcilingRegistry(IntegrationRegistry delegate, IntegrationRuntimes runtimes) {
        this.delegate = delegate;
        this.runtimes = runtimes;
    }

    @Override
    public Integration declare(Integration declared) {
        Integration stored = delegate.declare(declared);
        runtimes.refreshSoon();
        return stored;
    }

    @Override
    public List<Integration> list() {
        return delegate.list();
    }

    @Override
    public Optional<Integration> find(IntegrationId id) {
        return delegate.find(id);
    }

    @Override
    public Optional<Integration> setPaused(IntegrationId id, boolean paused, Instant at) {
        Optional<Integration> stored = delegate.setPaused(id, paused, at);
        runtimes.refreshSoon();
        return stored;
    }

    @Override
    public boolean create(Integration integration) {
        boolean created = delegate.create(integration);
        runtimes.refreshSoon();
        return created;
    }

    @Override
    public Optional<Integration> update(Integration integration) {
        Optional<Integration> stored = delegate.update(integration);
        runtimes.refreshSoon();
        return stored;
    }

    @Override
    public boolean remove(IntegrationId id) {
        return runtimes.remove(id, () -> delegate.remove(id));
    }
}
