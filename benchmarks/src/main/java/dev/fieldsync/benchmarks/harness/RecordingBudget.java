package dev.fieldsync.benchmarks.harness;

import dev.fieldsync.ports.out.budget.BudgetStatus;
import dev.fieldsync.ports.out.budget.Priority;
import dev.fieldsync.ports.out.budget.RateBudget;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** Wraps a budget and records every grant's wait by priority, and the 429s reported to it. */
public final class RecordingBudget implements RateBudget {
    private final RateBudget delegate;
    private final Map<Priority, List<Duration>> waits = new EnumMap<>(Priority.class);
    private final AtomicLong rateLimited = new AtomicLong();

    public RecordingBudget(RateBudget delegate) {
        this.delegate = delegate;
        for (Priority p : Priority.values()) {
            waits.put(p, new CopyOnWriteArrayList<>());
        }
    }

    @Override
    public Duration acquire(Priority priority) throws InterruptedException {
        long start = System.nanoTime();
        delegate.acquire(priority);
        Duration waited = Duration.ofNanos(System.nanoTime() - start);
        waits.get(priority).add(waited);
        return waited;
    }

    @Override
    public void reportRateLimited() {
        rateLimited.incrementAndGet();
        delegate.reportRateLimited();
    }

    @Override
    public BudgetStatus status() {
        return delegate.status();
    }

    /** Every wait at this priority, in grant order (measured around the delegate, in wall time). */
    public List<Duration> waits(Priority priority) {
        return new ArrayList<>(waits.get(priority));
    }

    public long grants() {
        return waits.values().stream().mapToLong(List::size).sum();
    }

    public long rateLimitedReports() {
        return rateLimited.get();
    }
}
