package dev.fieldsync.application;

import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.domain.integration.Integration;
import dev.fieldsync.domain.integration.IntegrationOrigin;
import dev.fieldsync.domain.integration.IntegrationState;
import dev.fieldsync.domain.sync.PassRequest;
import dev.fieldsync.ports.in.integrations.IntegrationRefused;
import dev.fieldsync.ports.in.integrations.IntegrationStatus;
import dev.fieldsync.ports.in.integrations.ManageIntegrations;
import dev.fieldsync.ports.in.sync.SyncJobs;
import dev.fieldsync.ports.in.sync.SyncStatus;
import dev.fieldsync.ports.out.integration.IntegrationRunner;
import dev.fieldsync.ports.out.store.IntegrationRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The integration registry's use cases over the registry store, the process's runner (leadership, "sync now") and
 * the sync of each integration this process runs a core for. The pause lives in the store, so every instance (and
 * the CLI) sees the same one; the runner reads it before each pass.
 */
public final class IntegrationService implements ManageIntegrations {
    private final IntegrationRegistry registry;
    private final IntegrationRunner runner;
    private final Function<IntegrationId, Optional<SyncJobs>> served;
    private final Set<IntegrationId> own;
    private final Clock clock;

    /** {@code served}: the sync of each integration this process runs a core for (none of them can be removed). */
    public IntegrationService(
            IntegrationRegistry registry, IntegrationRunner runner, Map<IntegrationId, SyncJobs> served, Clock clock) {
        this(registry, runner, lookUp(Map.copyOf(served)), served.keySet(), clock);
    }

    /**
     * {@code served}: the sync of an integration this process runs a core for now (the set changes at run time);
     * {@code own}: the integrations of this process's own settings, which the API cannot remove.
     */
    public IntegrationService(
            IntegrationRegistry registry,
            IntegrationRunner runner,
            Function<IntegrationId, Optional<SyncJobs>> served,
            Set<IntegrationId> own,
            Clock clock) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.runner = Objects.requireNonNull(runner, "runner");
        this.served = Objects.requireNonNull(served, "served");
        this.own = Set.copyOf(own);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    private static Function<IntegrationId, Optional<SyncJobs>> lookUp(Map<IntegrationId, SyncJobs> served) {
        return id -> Optional.ofNullable(served.get(id));
    }

    @Override
    public List<IntegrationStatus> list() {
        return registry.list().stream().map(this::status).toList();
    }

    @Override
    public Optional<IntegrationStatus> find(IntegrationId id) {
        return registry.find(id).map(this::status);
    }

    @Override
    public Optional<IntegrationStatus> pause(IntegrationId id) {
        return registry.setPaused(id, true, clock.instant()).map(this::status);
    }

    @Override
    public Optional<IntegrationStatus> resume(IntegrationId id) {
        return registry.setPaused(id, false, clock.instant()).map(this::status);
    }

    @Override
    public Optional<PassRequest> requestPass(IntegrationId id) {
        return registry.find(id)
                .map(integration ->
                        integration.state() == IntegrationState.RUNNING ? runner.requestPass(id) : PassRequest.PAUSED);
    }

    @Override
    public IntegrationStatus create(Integration integration) {
        if (!registry.create(integration)) {
            throw new IntegrationRefused(
                    IntegrationRefused.Reason.EXISTS, "integration '" + integration.id() + "' exists already");
        }
        return status(registry.find(integration.id()).orElse(integration));
    }

    @Override
    public Optional<IntegrationStatus> update(Integration integration) {
        Optional<Integration> stored = registry.find(integration.id());
        if (stored.isPresent() && stored.get().origin() == IntegrationOrigin.CONFIGURATION) {
            throw configured(integration.id());
        }
        return stored.flatMap(found -> registry.update(integration)).map(this::status);
    }

    @Override
    public boolean remove(IntegrationId id) {
        Optional<Integration> stored = registry.find(id);
        if (stored.isEmpty()) {
            return false;
        }
        if (own.contains(id)) {
            throw new IntegrationRefused(
                    IntegrationRefused.Reason.SERVED,
                    "this service runs integration '" + id + "' (fieldsync.integration-id): it cannot remove it");
        }
        if (stored.get().origin() == IntegrationOrigin.CONFIGURATION) {
            throw configured(id);
        }
        return registry.remove(id);
    }

    private static IntegrationRefused configured(IntegrationId id) {
        return new IntegrationRefused(
                IntegrationRefused.Reason.CONFIGURED,
                "integration '" + id + "' is declared in the configuration (fieldsync.integrations." + id
                        + "), which declares it again at every start: change or remove it there");
    }

    private IntegrationStatus status(Integration integration) {
        Optional<SyncStatus> sync = served.apply(integration.id()).map(SyncJobs::status);
        return new IntegrationStatus(integration, runner.leader(integration.id()), sync);
    }
}
