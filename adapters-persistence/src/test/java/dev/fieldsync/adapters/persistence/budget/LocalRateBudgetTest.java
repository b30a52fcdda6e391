package dev.fieldsync.adapters.persistence.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fieldsync.ports.out.budget.BudgetStatus;
import dev.fieldsync.ports.out.budget.Priority;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The local Bucket4j budget in virtual time: exact waits, no wall clock. */
class LocalRateBudgetTest {
    private static final long START = Instant.parse("2025-03-01T00:00:00Z").getEpochSecond() * 1_000_000_000L;
    private final ManualBudgetTime time = new ManualBudgetTime(START);

    @Test
    void burstIsFreeThenEveryCallWaitsOneRefillInterval() throws InterruptedException {
        LocalRateBudget budget = new LocalRateBudget(new BudgetSettings(60, 5, 0, Duration.ofSeconds(30)), time);
        for (int i = 0; i < 5; i++) {
            assertThat(budget.acquire(Priority.INTERACTIVE)).isZero();
        }
        assertThat(budget.acquire(Priority.INTERACTIVE)).isEqualTo(Duration.ofSeconds(1));
        assertThat(budget.acquire(Priority.INTERACTIVE)).isEqualTo(Duration.ofSeconds(1));
        assertThat(budget.status().availableTokens()).isZero();
    }

    @Test
    void backgroundLeavesTheReserveToInteractiveCalls() throws InterruptedException {
        LocalRateBudget budget = new LocalRateBudget(new BudgetSettings(60, 6, 2, Duration.ofSeconds(30)), time);
        for (int i = 0; i < 4; i++) {
            assertThat(budget.acquire(Priority.BACKGROUND)).isZero();
        }
        assertThat(budget.status().availableTokens()).isEqualTo(2);
        // The reserve is there for a person at once...
        assertThat(budget.acquire(Priority.INTERACTIVE)).isZero();
        assertThat(budget.acquire(Priority.INTERACTIVE)).isZero();
        // ...while background work waits until more than the reserve has refilled (3 tokens from empty).
        assertThat(budget.acquire(Priority.BACKGROUND)).isEqualTo(Duration.ofSeconds(3));
        assertThat(budget.status().availableTokens()).isEqualTo(2);
    }

    @Test
    void aRateLimitReportPausesEveryCallerForThePenalty() throws InterruptedException {
        LocalRateBudget budget = new LocalRateBudget(new BudgetSettings(60, 5, 1, Duration.ofSeconds(30)), time);
        budget.reportRateLimited();
        BudgetStatus status = budget.status();
        assertThat(status.rateLimitedReports()).isEqualTo(1);
        assertThat(status.availableTokens()).isEqualTo(-30);
        assertThat(status.pausedUntil())
                .contains(Instant.ofEpochSecond(0, START).plusSeconds(31));
        assertThat(budget.acquire(Priority.INTERACTIVE)).isEqualTo(Duration.ofSeconds(31));
        // A second report while paused does not stack beyond the penalty.
        budget.reportRateLimited();
        budget.reportRateLimited();
        assertThat(budget.status().availableTokens()).isEqualTo(-30);
    }

    @Test
    void badSettingsAreRefusedWithTheKeyToFix() {
        assertThatThrownBy(() -> new BudgetSettings(38, 4, 4, Duration.ZERO))
                .hasMessageContaining("fieldsync.budget.background-reserve");
        assertThatThrownBy(() -> new BudgetSettings(0, 4, 1, Duration.ZERO))
                .hasMessageContaining("fieldsync.budget.rate-per-minute");
        assertThat(BudgetSettings.DEFAULTS.refillInterval()).isEqualTo(Duration.ofNanos(60_000_000_000L / 38));
    }
}
