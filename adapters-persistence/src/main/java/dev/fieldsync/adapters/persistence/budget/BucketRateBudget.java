package dev.fieldsync.adapters.persistence.budget;

import dev.fieldsync.ports.out.budget.BudgetStatus;
import dev.fieldsync.ports.out.budget.Priority;
import dev.fieldsync.ports.out.budget.RateBudget;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BandwidthBuilder;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link RateBudget} over one Bucket4j bucket (local or a database proxy; the logic is the same).
 *
 * <ul>
 *   <li>Interactive callers take one token whenever one is there.</li>
 *   <li>Background and sweep callers take {@code reserve + 1} tokens ({@link Priority#reserve}: the background
 *       reserve, twice it for the sweep) and give {@code reserve} back at once, so they only ever succeed while
 *       more than their reserve is free, and never spend the reserve of the priorities above them. Both steps are
 *       atomic on the bucket, so this holds across threads and instances.</li>
 *   <li>A 429 puts the bucket into debt worth the penalty ({@code consumeIgnoringRateLimits}); every holder of
 *       the bucket, in this process or (shared) in others, then waits until the debt is refilled.</li>
 * </ul>
 * Waiting sleeps on the injected {@link BudgetTime}; with a database bucket every probe is a blocking JDBC call,
 * so never call {@link #acquire} on an event-loop thread.
 */
public abstract class BucketRateBudget implements RateBudget {
    /** Waiters re-probe at least this often, so tokens given back by a background caller are seen soon. */
    private static final long MAX_SLEEP_NANOS = Duration.ofMillis(250).toNanos();

    private final BudgetSettings settings;
    private final BudgetTime time;
    private final AtomicLong rateLimitedReports = new AtomicLong();

    protected BucketRateBudget(BudgetSettings settings, BudgetTime time) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.time = Objects.requireNonNull(time, "time");
    }

    /** The bucket to spend from. */
    protected abstract Bucket bucket();

    /** One bandwidth: {@code burst} capacity, refilled greedily at {@code ratePerMinute}. */
    protected static BucketConfiguration configuration(BudgetSettings settings) {
        Bandwidth limit = BandwidthBuilder.builder()
                .capacity(settings.burst())
                .refillGreedy(settings.ratePerMinute(), Duration.ofMinutes(1))
                .build();
        return BucketConfiguration.builder().addLimit(limit).build();
    }

    public BudgetSettings settings() {
        return settings;
    }

    @Override
    public Duration acquire(Priority priority) throws InterruptedException {
        Objects.requireNonNull(priority, "priority");
        long started = time.nanos();
        Bucket bucket = bucket();
        int reserve = priority.reserve(settings.backgroundReserve(), settings.burst());
        while (true) {
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted while waiting for rate budget");
            }
            long wait;
            if (reserve == 0) {
                ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
                if (probe.isConsumed()) {
                    return Duration.ofNanos(Math.max(0, time.nanos() - started));
                }
                wait = probe.getNanosToWaitForRefill();
            } else {
                ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(reserve + 1L);
                if (probe.isConsumed()) {
                    bucket.addTokens(reserve);
                    return Duration.ofNanos(Math.max(0, time.nanos() - started));
                }
                wait = probe.getNanosToWaitForRefill();
            }
            time.sleep(Math.max(1, Math.min(wait, MAX_SLEEP_NANOS)));
        }
    }

    @Override
    public void reportRateLimited() {
        rateLimitedReports.incrementAndGet();
        long penaltyTokens = settings.penaltyTokens();
        if (penaltyTokens == 0) {
            return;
        }
        Bucket bucket = bucket();
        // Bring the bucket to -penaltyTokens; reports that race may deepen it once more, never less.
        long debt = bucket.getAvailableTokens() + penaltyTokens;
        if (debt > 0) {
            bucket.consumeIgnoringRateLimits(debt);
        }
    }

    @Override
    public BudgetStatus status() {
        Bucket bucket = bucket();
        long available = bucket.getAvailableTokens();
        Optional<Instant> pausedUntil = Optional.empty();
        if (available < 0) {
            EstimationProbe probe = bucket.estimateAbilityToConsume(1);
            long until = time.nanos() + probe.getNanosToWaitForRefill();
            pausedUntil = Optional.of(Instant.ofEpochSecond(0, until));
        }
        return new BudgetStatus(
                settings.ratePerMinute(),
                settings.burst(),
                settings.backgroundReserve(),
                available,
                pausedUntil,
                rateLimitedReports.get());
    }
}
