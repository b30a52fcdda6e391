package dev.fieldsync.adapters.memory;

import static dev.fieldsync.ports.out.budget.Priority.BACKGROUND;
import static dev.fieldsync.ports.out.budget.Priority.INTERACTIVE;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class UnlimitedRateBudgetTest {

    @Test
    void grantsAtOnceAndCountsEveryGrantUnderConcurrency() throws Exception {
        UnlimitedRateBudget budget = new UnlimitedRateBudget();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                boolean interactive = t % 2 == 0;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 2500; i++) {
                        assertThat(budget.acquire(interactive ? INTERACTIVE : BACKGROUND))
                                .isZero();
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(budget.grants(INTERACTIVE)).isEqualTo(5000);
        assertThat(budget.grants(BACKGROUND)).isEqualTo(5000);
        assertThat(budget.totalGrants()).isEqualTo(10_000);
    }

    @Test
    void countsRateLimitReportsWithoutPausing() {
        UnlimitedRateBudget budget = new UnlimitedRateBudget();
        budget.reportRateLimited();
        assertThat(budget.rateLimitedReports()).isEqualTo(1);
        assertThat(budget.status().rateLimitedReports()).isEqualTo(1);
        assertThat(budget.status().pausedUntil()).isEmpty();
        assertThat(budget.acquire(INTERACTIVE)).isZero();
    }
}
