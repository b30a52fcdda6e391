package dev.fieldsync.adapters.memory;

import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.domain.integration.Integration;
import dev.fieldsync.ports.out.store.IntegrationRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/** The integration registry in memory, by id ({@link #remove} drops only the registry's entry). */
public final class InMemoryIntegrationRegistry implements IntegrationRegistry {
    private final Map<String, Integration> integrations = new ConcurrentSkipListMap<>();

    @Override
    public synchronized Integration declare(Integration declared) {
        Objects.requireNonNull(declared, "declared");
        Integration stored = Optional.ofNullable(integrations.get(declared.id().value()))
                .map(existing -> declared.withPausedAt(existing.pausedAt()))
                .orElse(declared);
        integrations.put(stored.id().value(), stored);
        return stored;
    }

    @Override
    public List<Integration> list() {
        return List.copyOf(integrations.values());
    }

    @Override
    public Optional<Integration> find(IntegrationId id) {
        return Optional.ofNullable(integrations.get(id.value()));
    }

    @Override
    public synchronized Optional<Integration> setPaused(IntegrationId id, boolean paused, Instant at) {
        return Optional.ofNullable(integrations.computeIfPresent(
                id.value(), (key, existing) -> paused ? existing.pausedSince(at) : existing.resumed()));
    }

    @Override
    public boolean create(Integration integration) {
        return integrations.putIfAbsent(integration.id().value(), Objects.requireNonNull(integration)) == null;
    }

    @Override
    public synchronized Optional<Integration> update(Integration integration) {
        return Optional.ofNullable(integrations.computeIfPresent(
                integration.id().value(), (key, existing) -> integration.withPausedAt(existing.pausedAt())));
    }

    /** Only the registry's entry: the other in-memory stores are objects of their own. */
    @Override
    public boolean remove(IntegrationId id) {
        return integrations.remove(id.value()) != null;
    }
}
