package dev.fieldsync.adapters.memory;

import dev.fieldsync.ports.out.budget.BudgetStatus;
import dev.fieldsync.ports.out.budget.Priority;
import dev.fieldsync.ports.out.budget.RateBudget;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/** A budget that grants every token at once and only counts them: for tests that do not care, and concurrent ones. */
public final class UnlimitedRateBudget implements RateBudget {
    private final Map<Priority, LongAdder> grants = new EnumMap<>(Priority.class);
    private final LongAdder rateLimitedReports = new LongAdder();

    public UnlimitedRateBudget() {
        for (Priority priority : Priority.values()) {
            grants.put(priority, new LongAdder());
        }
    }

    @Override
    public Duration acquire(Priority priority) {
        grants.get(Objects.requireNonNull(priority, "priority")).increment();
        return Duration.ZERO;
    }

    @Override
    public void reportRateLimited() {
        rateLimitedReports.increment();
    }

    /** Reports the largest budget BudgetStatus can express, with every token free. */
    @Override
    public BudgetStatus status() {
        return new BudgetStatus(
                Integer.MAX_VALUE, Integer.MAX_VALUE, 0, Integer.MAX_VALUE, Optional.empty(), rateLimitedReports.sum());
    }

    public long grants(Priority priority) {
        return grants.get(Objects.requireNonNull(priority, "priority")).sum();
    }

    public long totalGrants() {
        return grants.values().stream().mapToLong(LongAdder::sum).sum();
    }

    public long rateLimitedReports() {
        return rateLimitedReports.sum();
    }
}
