package dev.fieldsync.application.lookup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldsync.application.Scenario;
import dev.fieldsync.domain.lookup.LookupCatalog;
import dev.fieldsync.domain.lookup.LookupKind;
import dev.fieldsync.ports.out.budget.Priority;
import dev.fieldsync.ports.out.gateway.GatewayOperation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LookupsTest {
    private final Scenario s = new Scenario(0);

    @Test
    void allSixAreLoadedOnceAtBackgroundPriorityAndServedFromTheStoreAfterARestart() {
        LookupCatalog catalog = s.core().lookups().catalog();
        s.core().lookups().catalog();

        assertThat(catalog.lookup(LookupKind.SITES).items()).hasSize(10);
        assertThat(catalog.items(LookupKind.CUSTOM_FIELDS)).hasSize(3);
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
        assertThat(s.gateway().calls(GatewayOperation.lookup(LookupKind.CUSTOMERS)))
                .isEqualTo(1);

        s.advance(Duration.ofHours(1));
        LookupCatalog fresh = s.core().lookups().catalog();

        assertThat(s.gateway().calls(GatewayOperation.lookup(LookupKind.CUSTOMERS)))
                .isEqualTo(2);
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

        assertThat(s.gateway().calls(GatewayOperation.lookup(LookupKind.SITES))).isEqualTo(3);
    }

    @Test
    void aFailedAgeRefreshServesTheOldSnapshotAndDoesNotRetryAtOnce() {
        LookupCatalog old = s.core().lookups().catalog();
        s.advance(Duration.ofDays(2));
        s.gateway()
                .failNextWithProblem(
                        GatewayOperation.lookup(LookupKind.CUSTOMERS),
                        1,
                        dev.fieldsync.domain.problem.ProblemCode.INTERNAL);

        assertThat(s.core().lookups().catalog()).isEqualTo(old);
        assertThat(s.core().lookups().catalog()).isEqualTo(old);

        assertThat(s.gateway().calls(GatewayOperation.lookup(LookupKind.CUSTOMERS)))
                .isEqualTo(2);
    }

    /** The single flight the persistence module's Caffeine cache used to add on top: the service alone keeps it. */
    @Test
    void concurrentCallersOfAnOldCatalogShareOneFetch() throws Exception {
        s.core().lookups().catalog();
        s.advance(Duration.ofDays(2));
        int threads = 8;
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService callers = Executors.newFixedThreadPool(threads);
        try {
            List<Future<LookupCatalog>> seen = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                seen.add(callers.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return s.core().lookups().catalog();
                }));
            }
            for (Future<LookupCatalog> catalog : seen) {
                assertThat(catalog.get(30, TimeUnit.SECONDS).fetchedAt())
                        .isEqualTo(s.clock().instant());
            }
        } finally {
            callers.shutdownNow();
        }
        assertThat(s.gateway().calls(GatewayOperation.lookup(LookupKind.CUSTOMERS)))
                .isEqualTo(2);
        assertThat(s.gateway().totalCalls()).isEqualTo(2L * LookupKind.all().size());
    }
}
