package dev.fieldsync.adapters.memory;

import static dev.fieldsync.adapters.memory.Fixtures.T0;
import static dev.fieldsync.ports.out.budget.Priority.BACKGROUND;
import static dev.fieldsync.ports.out.budget.Priority.INTERACTIVE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fieldsync.ports.out.budget.BudgetStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class VirtualTimeRateBudgetTest {
    private final ManualClock clock = new ManualClock(T0);

    @Test
    void theBurstIsFreeAndThe41stGrantWaitsOneAndAHalfSeconds() {
        VirtualTimeRateBudget budget = new VirtualTimeRateBudget(clock, 40, 40, 0);
        for (int i = 0; i < 40; i++) {
            assertThat(budget.acquire(INTERACTIVE)).isZero();
        }
        assertThat(clock.instant()).isEqualTo(T0);
        assertThat(budget.acquire(INTERACTIVE)).isEqualTo(Duration.ofMillis(1500));
        assertThat(clock.instant()).isEqualTo(T0.plusMillis(1500));
        assertThat(budget.acquire(INTERACTIVE)).isEqualTo(Duration.ofMillis(1500));
        assertThat(clock.instant()).isEqualTo(T0.plusSeconds(3));
        assertThat(budget.grants(INTERACTIVE)).isEqualTo(42);
        assertThat(budget.totalWait()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void neverGrantsMoreThanTheBucketAllowsInAnyMinute() {
        VirtualTimeRateBudget budget = new VirtualTimeRateBudget(clock, 40, 40, 0);
        for (int i = 0; i < 400; i++) {
            budget.acquire(BACKGROUND);
        }
        List<Instant> times = budget.grantTimes();
        assertThat(times).hasSize(400).isSorted();
        // After the burst, grants are exactly one refill interval apart.
        for (int i = 41; i < times.size(); i++) {
            assertThat(Duration.between(times.get(i - 1), times.get(i))).isEqualTo(Duration.ofMillis(1500));
        }
        // A token bucket allows at most burst + rate in any window of a minute (40 at once, 39 more refilled).
        assertThat(budget.maxGrantsInAnyWindow(Duration.ofSeconds(60))).isEqualTo(79);
        // Once the burst is spent, a minute holds the steady rate.
        List<Instant> steady = times.subList(100, 400);
        Instant first = steady.get(0);
        assertThat(steady.stream()
                        .filter(t -> t.isBefore(first.plusSeconds(60)))
                        .count())
                .isEqualTo(40);
        assertThat(clock.instant()).isEqualTo(T0.plusMillis(1500L * 360));
    }

    @Test
    void idleTimeRefillsUpToTheBurstOnly() {
        VirtualTimeRateBudget budget = new VirtualTimeRateBudget(clock, 40, 40, 0);
        for (int i = 0; i < 40; i++) {
            budget.acquire(INTERACTIVE);
        }
        assertThat(budget.status().availableTokens()).isZero();
        clock.advance(Duration.ofSeconds(15));
        assertThat(budget.status().availableTokens()).isEqualTo(10);
        clock.advance(Duration.ofDays(400));
        assertThat(budget.status().availableTokens()).isEqualTo(40);
        for (int i = 0; i < 40; i++) {
            assertThat(budget.acquire(INTERACTIVE)).isZero();
        }
        assertThat(budget.acquire(INTERACTIVE)).isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void backgroundWorkLeavesTheReserveForInteractiveCalls() {
        VirtualTimeRateBudget budget = new VirtualTimeRateBudget(clock, 40, 40, 5);
        for (int i = 0; i < 35; i++) {
            assertThat(budget.acquire(BACKGROUND)).isZero();
        }
        assertThat(budget.status().availableTokens()).isEqualTo(5);
        // The 36th background grant waits for a sixth token: one refill interval.
        assertThat(budget.acquire(BACKGROUND)).isEqualTo(Duration.ofMillis(1500));
        assertThat(budget.status().availableTokens()).isEqualTo(5);
        // Interactive calls may use the whole reserve at once.
        for (int i = 0; i < 5; i++) {
            assertThat(budget.acquire(INTERACTIVE)).isZero();
        }
        assertThat(budget.status().availableTokens()).isZero();
        assertThat(budget.grants(BACKGROUND)).isEqualTo(36);
        assertThat(budget.grants(INTERACTIVE)).isEqualTo(5);
    }

    @Test
    void interactiveCallsWaitAtMostOneIntervalWhileBackgroundRunsFlatOut() {
        VirtualTimeRateBudget budget = new VirtualTimeRateBudget(clock, 40, 40, 2);
        for (int round = 0; round < 50; round++) {
            budget.acquire(BACKGROUND);
            budget.acquire(BACKGROUND);
            assertThat(budget.acquire(INTERACTIVE)).isLessThanOrEqualTo(Duration.ofMillis(1500));
        }
    }

    @Test
    void aReportedRateLimitPausesEveryAcquirer() {
        VirtualTimeRateBudget budget = new VirtualTimeRateBudget(clock, 40, 40, 0);
        budget.acquire(INTERACTIVE);
        clock.advance(Duration.ofMillis(500));
        budget.reportRateLimited();
        BudgetStatus paused = budget.status();
        assertThat(paused.pausedUntil()).contains(T0.plusMillis(2500));
        assertThat(paused.rateLimitedReports()).isEqualTo(1);
        assertThat(paused.availableTokens()).isEqualTo(39);
        // Tokens are free, but both priorities wait until the pause ends.
        assertThat(budget.acquire(BACKGROUND)).isEqualTo(Duration.ofSeconds(2));
        assertThat(clock.instant()).isEqualTo(T0.plusMillis(2500));
        assertThat(budget.acquire(INTERACTIVE)).isZero();
        assertThat(budget.status().pausedUntil()).isEmpty();
    }

    @Test
    void thePenaltyIsConfigurableAndPausesDoNotShrink() {
        VirtualTimeRateBudget budget = new VirtualTimeRateBudget(clock, 40, 40, 0, Duration.ofSeconds(5));
        budget.reportRateLimited();
        clock.advance(Duration.ofSeconds(1));
        budget.reportRateLimited();
        assertThat(budget.status().pausedUntil()).contains(T0.plusSeconds(6));
        assertThat(budget.acquire(INTERACTIVE)).isEqualTo(Duration.ofSeconds(5));
        assertThat(budget.rateLimitedReports()).isEqualTo(2);
    }

    @Test
    void statusDescribesTheConfiguration() {
        VirtualTimeRateBudget budget = new VirtualTimeRateBudget(clock, 38, 30, 4);
        BudgetStatus status = budget.status();
        assertThat(status.ratePerMinute()).isEqualTo(38);
        assertThat(status.burst()).isEqualTo(30);
        assertThat(status.backgroundReserve()).isEqualTo(4);
        assertThat(status.availableTokens()).isEqualTo(30);
        assertThat(status.pausedUntil()).isEmpty();
    }

    @Test
    void anUnevenRateStillGrantsExactlyItsRatePerMinute() {
        VirtualTimeRateBudget budget = new VirtualTimeRateBudget(clock, 7, 1, 0);
        for (int i = 0; i < 1 + 7 * 3; i++) {
            budget.acquire(BACKGROUND);
        }
        // One at once, then 7 a minute: the 22nd grant comes at three minutes (waits round up to whole
        // nanoseconds, so it may be a few nanoseconds late, never early).
        assertThat(clock.instant())
                .isBetween(T0.plusSeconds(180), T0.plusSeconds(180).plusNanos(1000));
    }

    @Test
    void aClockSetBackNeitherRefillsNorBreaksTheBucket() {
        VirtualTimeRateBudget budget = new VirtualTimeRateBudget(clock, 40, 2, 0);
        budget.acquire(INTERACTIVE);
        budget.acquire(INTERACTIVE);
        clock.set(T0.minusSeconds(30));
        assertThat(budget.status().availableTokens()).isZero();
        // Refill resumes from where the bucket last looked, so the next token is still 1.5 s of clock away
        // from T0: the budget advances the clock back past T0 first.
        budget.acquire(INTERACTIVE);
        assertThat(clock.instant()).isEqualTo(T0.plusMillis(1500));
    }

    @Test
    void refusesAnImpossibleConfiguration() {
        assertThatThrownBy(() -> new VirtualTimeRateBudget(clock, 0, 40, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ratePerMinute >= 1");
        assertThatThrownBy(() -> new VirtualTimeRateBudget(clock, 40, 5, 5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reserve 5");
        assertThatThrownBy(() -> new VirtualTimeRateBudget(clock, 40, 40, 0, Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("penalty");
    }
}
