package dev.fieldsync.benchmarks.harness;

import dev.fieldsync.ports.out.budget.BudgetStatus;
import dev.fieldsync.ports.out.budget.Priority;
import dev.fieldsync.ports.out.budget.RateBudget;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The baseline of the interactive-latency benchmark: a plain one-priority token bucket that serves callers
 * strictly in arrival order (a fair lock held while waiting for the next token), ignoring priorities.
 */
public final class FifoTokenBucket implements RateBudget {
    private final ReentrantLock queue = new ReentrantLock(true);
    private final int ratePerMinute;
    private final int burst;
    private final double nanosPerToken;
    private double tokens;
    private long refilledAt = System.nanoTime();

    public FifoTokenBucket(int ratePerMinute, int burst) {
        this.ratePerMinute = ratePerMinute;
        this.burst = burst;
        this.nanosPerToken = 60e9 / ratePerMinute;
        this.tokens = burst;
    }

    @Override
    public Duration acquire(Priority priority) throws InterruptedException {
        long start = System.nanoTime();
        queue.lockInterruptibly();
        try {
            refill();
            if (tokens < 1) {
                long wait = (long) Math.ceil((1 - tokens) * nanosPerToken);
                TimeUnit.NANOSECONDS.sleep(wait);
                refill();
            }
            tokens -= 1;
            return Duration.ofNanos(System.nanoTime() - start);
        } finally {
            queue.unlock();
        }
    }

    private void refill() {
        long now = System.nanoTime();
        tokens = Math.min(burst, tokens + (now - refilledAt) / nanosPerToken);
        refilledAt = now;
    }

    @Override
    public void reportRateLimited() {
        // the baseline has no penalty: it is the limiter a client without a 429 policy would use
    }

    @Override
    public BudgetStatus status() {
        return new BudgetStatus(ratePerMinute, burst, 0, (long) tokens, Optional.empty(), 0);
    }
}
