package dev.fieldsync.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldsync.adapters.memory.InMemoryIntegrationRegistry;
import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.domain.integration.Integration;
import dev.fieldsync.domain.integration.IntegrationBudget;
import dev.fieldsync.domain.integration.IntegrationOrigin;
import dev.fieldsync.domain.integration.IntegrationState;
import dev.fieldsync.domain.integration.SecretReference;
import dev.fieldsync.domain.sync.PassRequest;
import dev.fieldsync.ports.in.integrations.IntegrationStatus;
import dev.fieldsync.ports.out.integration.IntegrationRunner;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IntegrationServiceTest {
    private final Scenario s = new Scenario(30);
    private final InMemoryIntegrationRegistry registry = new InMemoryIntegrationRegistry();
    private final List<IntegrationId> passesRequested = new ArrayList<>();
    private final IntegrationRunner runner = new IntegrationRunner() {
        @Override
        public Optional<String> leader(IntegrationId integration) {
            return integration.equals(s.core().integration()) ? Optional.of("instance-a") : Optional.empty();
        }

        @Override
        public PassRequest requestPass(IntegrationId integration) {
            passesRequested.add(integration);
            return PassRequest.STARTED;
        }
    };
    private final IntegrationService service = new IntegrationService(
            registry, runner, Map.of(s.core().integration(), s.core().syncJobs()), s.clock());

    private static Integration declared(IntegrationId id) {
        return new Integration(
                id,
                URI.create("https://gateway.example"),
                SecretReference.env("KEY"),
                Optional.empty(),
                List.of(),
                Duration.ofMinutes(5),
                new IntegrationBudget(38, 38, 4),
                true,
                IntegrationOrigin.CONFIGURATION,
                Optional.empty());
    }

    @Test
    void theStatusJoinsTheRegistryTheLeaderAndTheSyncOfTheServedCore() {
        registry.declare(declared(s.core().integration()));
        registry.declare(declared(IntegrationId.of("zeta")));
        s.core().syncJobs().runPass(dev.fieldsync.ports.in.sync.SyncProgressListener.NONE);

        List<IntegrationStatus> all = service.list();

        assertThat(all)
                .extracting(status -> status.integration().id().value())
                .containsExactly(s.core().integration().value(), "zeta");
        IntegrationStatus served = service.find(s.core().integration()).orElseThrow();
        assertThat(served.leader()).contains("instance-a");
        assertThat(served.sync())
                .hasValueSatisfying(sync -> assertThat(sync.mirroredJobs()).isEqualTo(30));
        IntegrationStatus other = service.find(IntegrationId.of("zeta")).orElseThrow();
        assertThat(other.leader()).isEmpty();
        assertThat(other.sync()).as("no core for it in this process").isEmpty();
        assertThat(service.find(IntegrationId.of("nobody"))).isEmpty();
    }

    @Test
    void aPausedIntegrationAsksTheRunnerForNoPassUntilResumed() {
        IntegrationId id = s.core().integration();
        registry.declare(declared(id));

        assertThat(service.pause(id).orElseThrow().integration().state()).isEqualTo(IntegrationState.PAUSED);
        assertThat(registry.find(id).orElseThrow().pausedAt())
                .contains(s.clock().instant());
        assertThat(service.requestPass(id)).contains(PassRequest.PAUSED);
        assertThat(passesRequested).isEmpty();

        assertThat(service.resume(id).orElseThrow().integration().state()).isEqualTo(IntegrationState.RUNNING);
        assertThat(service.requestPass(id)).contains(PassRequest.STARTED);
        assertThat(passesRequested).containsExactly(id);
        assertThat(service.pause(IntegrationId.of("nobody"))).isEmpty();
        assertThat(service.requestPass(IntegrationId.of("nobody"))).isEmpty();
    }

    @Test
    void theIntegrationsServedNowAreAskedAtEachCallAndOnlyTheOwnOneCannotBeRemoved() {
        IntegrationId own = s.core().integration();
        IntegrationId added = IntegrationId.of("added");
        Map<IntegrationId, dev.fieldsync.ports.in.sync.SyncJobs> servedNow = new java.util.HashMap<>();
        servedNow.put(own, s.core().syncJobs());
        IntegrationService dynamic = new IntegrationService(
                registry, runner, id -> Optional.ofNullable(servedNow.get(id)), java.util.Set.of(own), s.clock());
        registry.declare(declared(own));
        assertThat(dynamic.create(apiDeclared(added)).sync())
                .as("not served yet")
                .isEmpty();

        servedNow.put(added, s.core().syncJobs());
        assertThat(dynamic.find(added).orElseThrow().sync())
                .as("served from now on")
                .isPresent();

        assertThat(dynamic.remove(added)).isTrue();
        assertThat(registry.find(added)).isEmpty();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> dynamic.remove(own))
                .isInstanceOf(dev.fieldsync.ports.in.integrations.IntegrationRefused.class)
                .hasMessageContaining("cannot remove it");
    }

    private static Integration apiDeclared(IntegrationId id) {
        Integration configured = declared(id);
        return new Integration(
                id,
                configured.gatewayUrl(),
                configured.key(),
                configured.nextKey(),
                configured.webhookSecrets(),
                configured.syncInterval(),
                configured.budget(),
                true,
                IntegrationOrigin.API,
                Optional.empty());
    }
}
