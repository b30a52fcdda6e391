package dev.fieldsync.ports.out.store.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.domain.integration.Integration;
import dev.fieldsync.domain.integration.IntegrationBudget;
import dev.fieldsync.domain.integration.IntegrationOrigin;
import dev.fieldsync.domain.integration.IntegrationState;
import dev.fieldsync.domain.integration.SecretReference;
import dev.fieldsync.ports.out.store.IntegrationRegistry;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The contract of the {@link IntegrationRegistry}, run by every implementation (memory, H2, PostgreSQL): every
 * member round-trips, a declaration keeps the operator's pause, pausing twice keeps the first time, resume clears it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class IntegrationRegistryContract {
    private static final Instant T0 = Fixtures.T0.truncatedTo(ChronoUnit.MICROS);

    protected IntegrationRegistry registry;

    /** A fresh registry for this test class, set in {@link #registry}. */
    protected abstract void openStores();

    protected void closeStores() {}

    @BeforeAll
    void openContract() {
        openStores();
    }

    @AfterAll
    void closeContract() {
        closeStores();
    }

    /** An integration with every member set, {@code rate} requests a minute. */
    protected static Integration declared(IntegrationId id, int rate) {
        return new Integration(
                id,
                URI.create("https://gateway.example:8443"),
                SecretReference.env("ACME_KEY"),
                Optional.of(SecretReference.file("/run/secrets/acme-next")),
                List.of(SecretReference.env("ACME_HOOK"), SecretReference.property("fieldsync.webhooks.other")),
                Duration.ofSeconds(90),
                new IntegrationBudget(rate, 30, 5),
                true,
                IntegrationOrigin.CONFIGURATION,
                Optional.empty());
    }

    @Test
    void aDeclaredIntegrationRoundTripsEveryMemberAndIsListedById() {
        IntegrationId id = Fixtures.newIntegration();
        Integration integration = declared(id, 38);

        assertThat(registry.declare(integration)).isEqualTo(integration);
        assertThat(registry.find(id)).contains(integration);
        assertThat(registry.find(Fixtures.newIntegration())).isEmpty();

        Integration bare = new Integration(
                Fixtures.newIntegration(),
                URI.create("http://127.0.0.1:9000"),
                SecretReference.property("fieldsync.key.value"),
                Optional.empty(),
                List.of(),
                Duration.ofMillis(1500),
                new IntegrationBudget(600, 60, 0),
                false,
                IntegrationOrigin.API,
                Optional.empty());
        registry.declare(bare);
        assertThat(registry.find(bare.id())).contains(bare);
        List<String> ids = registry.list().stream().map(i -> i.id().value()).toList();
        assertThat(ids).contains(id.value(), bare.id().value()).isSorted();
    }

    @Test
    void aPauseIsKeptWhenTheIntegrationIsDeclaredAgainAndResumeClearsIt() {
        IntegrationId id = Fixtures.newIntegration();
        registry.declare(declared(id, 38));

        Integration paused = registry.setPaused(id, true, T0).orElseThrow();
        assertThat(paused.state()).isEqualTo(IntegrationState.PAUSED);
        assertThat(paused.pausedAt()).contains(T0);
        assertThat(registry.setPaused(id, true, T0.plusSeconds(60))
                        .orElseThrow()
                        .pausedAt())
                .as("pausing again keeps the first pause time")
                .contains(T0);

        Integration redeclared = registry.declare(declared(id, 20));
        assertThat(redeclared.budget().ratePerMinute()).isEqualTo(20);
        assertThat(redeclared.pausedAt())
                .as("a restart's declaration keeps the pause")
                .contains(T0);
        assertThat(registry.find(id).orElseThrow().paused()).isTrue();

        Integration resumed = registry.setPaused(id, false, T0.plusSeconds(120)).orElseThrow();
        assertThat(resumed.state()).isEqualTo(IntegrationState.RUNNING);
        assertThat(registry.find(id).orElseThrow().pausedAt()).isEmpty();
        assertThat(registry.declare(declared(id, 38)).paused()).isFalse();
    }

    @Test
    void pausingAnUnknownIntegrationChangesNothing() {
        IntegrationId unknown = Fixtures.newIntegration();
        assertThat(registry.setPaused(unknown, true, T0)).isEmpty();
        assertThat(registry.setPaused(unknown, false, T0)).isEmpty();
        assertThat(registry.find(unknown)).isEmpty();
    }

    @Test
    void createRefusesATakenIdUpdateKeepsThePauseAndRemoveForgetsIt() {
        IntegrationId id = Fixtures.newIntegration();
        Integration first = declared(id, 38);
        assertThat(registry.create(first)).isTrue();
        assertThat(registry.create(declared(id, 10))).as("the id is taken").isFalse();
        assertThat(registry.find(id)).contains(first);

        registry.setPaused(id, true, T0);
        Integration changed = registry.update(declared(id, 12)).orElseThrow();
        assertThat(changed.budget().ratePerMinute()).isEqualTo(12);
        assertThat(changed.pausedAt()).as("an update keeps the pause").contains(T0);
        assertThat(registry.update(declared(Fixtures.newIntegration(), 12))).isEmpty();

        assertThat(registry.remove(id)).isTrue();
        assertThat(registry.find(id)).isEmpty();
        assertThat(registry.remove(id)).isFalse();
        assertThat(registry.create(declared(id, 5))).as("the id is free again").isTrue();
    }
}
