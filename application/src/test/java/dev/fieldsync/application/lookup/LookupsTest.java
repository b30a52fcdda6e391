package dev.fieldsync.application.lookup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldsync.adapters.memory.ScriptedGateway.Operation;
import dev.fieldsync.application.Scenario;
import dev.fieldsync.domain.lookup.LookupCatalog;
import dev.fieldsync.ports.out.budget.Priority;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LookupsTest {
    private final Scenario s = new Scenario(0);

    @Test
    void allSixAreLoadedOnceAtBackgroundPriorityAndServedFromTheStoreAfterARestart() {
        LookupCatalog catalog = s.core().lookups().catalog();
        s.core().lookups().catalog();

        assertThat(catalog.sites().items()).hasSize(10);
        assertThat(catalog.customFields()).hasSize(3);
        assertThat(s.gateway().totalCalls()).isEqualTo(6);
        assertThat(s.budget().grants(Priority.BACKGROUND)).isEqualTo(6);

        assertThat(s.newCore().lookups().catalog()).isEqualTo(catalog);
        assertThat(s.gateway().totalCalls()).isEqualTo(6);
    }

    @Test
    void aCatalogOlderThanTheRefreshAgeIsFetchedAgain() {
        s.core().lookups().catalog();
        s.advance(Duration.ofHours(23));
        s.core().lookups().catalog();
        assertThat(s.gateway().calls(Operation.CUSTOMERS)).isEqualTo(1);

        s.advance(Duration.ofHours(1));
        LookupCatalog fresh = s.core().lookups().catalog();

        assertThat(s.gateway().calls(Operation.CUSTOMERS)).isEqualTo(2);
        assertThat(fresh.fetchedAt()).isEqualTo(s.clock().instant());
    }

    @Test
    void staleIdRefreshesAreCappedToOnePerInterval() {
        s.core().lookups().catalog();

        assertThat(s.core().lookups().refreshAfterStaleId()).isTrue();
        assertThat(s.core().lookups().refreshAfterStaleId()).isFalse();
        s.advance(Duration.ofMinutes(4));
        assertThat(s.core().lookups().refreshAfterStaleId()).isFalse();
        s.advance(Duration.ofMinutes(1));
        assertThat(s.core().lookups().refreshAfterStaleId()).isTrue();

        assertThat(s.gateway().calls(Operation.SITES)).isEqualTo(3);
    }

    @Test
    void aFailedAgeRefreshServesTheOldSnapshotAndDoesNotRetryAtOnce() {
        LookupCatalog old = s.core().lookups().catalog();
        s.advance(Duration.ofDays(2));
        s.gateway().failNextWithProblem(Operation.CUSTOMERS, 1, dev.fieldsync.domain.problem.ProblemCode.INTERNAL);

        assertThat(s.core().lookups().catalog()).isEqualTo(old);
        assertThat(s.core().lookups().catalog()).isEqualTo(old);

        assertThat(s.gateway().calls(Operation.CUSTOMERS)).isEqualTo(2);
    }
}
