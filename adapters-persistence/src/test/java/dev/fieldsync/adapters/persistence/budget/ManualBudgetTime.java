package dev.fieldsync.adapters.persistence.budget;

import java.util.concurrent.atomic.AtomicLong;

/** Virtual time: sleeping advances the clock at once, so budget tests take no real time. */
final class ManualBudgetTime implements BudgetTime {
    private final AtomicLong nanos;

    ManualBudgetTime(long startNanos) {
        this.nanos = new AtomicLong(startNanos);
    }

    @Override
    public long nanos() {
        return nanos.get();
    }

    @Override
    public void sleep(long duration) {
        nanos.addAndGet(duration);
    }

    void advance(java.time.Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }
}
