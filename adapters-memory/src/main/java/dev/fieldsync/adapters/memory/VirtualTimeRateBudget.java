package dev.fieldsync.adapters.memory;

import dev.fieldsync.ports.out.budget.BudgetStatus;
import dev.fieldsync.ports.out.budget.Priority;
import dev.fieldsync.ports.out.budget.RateBudget;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A token bucket on a {@link ManualClock} that never sleeps: when no token is free, {@link #acquire} moves
 * the clock to the moment one is and returns that virtual wait. Background work never takes the last
 * {@code backgroundReserve} tokens, the sweep never the last twice that ({@link Priority#reserve}); a reported 429 pauses every acquirer for a penalty.
 *
 * <p>Virtual time is meant for single-threaded scenario tests: every method is synchronized, so it is safe
 * to share, but concurrent acquirers would advance one shared clock for each other. Use
 * {@link UnlimitedRateBudget} for concurrency tests.
 */
public final class VirtualTimeRateBudget implements RateBudget {
    /** The pause after a reported 429 unless told otherwise. */
    public static final Duration DEFAULT_PENALTY = Duration.ofSeconds(2);

    private static final long NANOS_PER_MINUTE = 60_000_000_000L;

    private final ManualClock clock;
    private final int ratePerMinute;
    private final int burst;
    private final int backgroundReserve;
    private final Duration penalty;
    // One token is NANOS_PER_MINUTE units; each elapsed nanosecond adds ratePerMinute units. Integer
    // arithmetic keeps "the 41st grant waits exactly 1.5 s" exact.
    private final long unitsPerToken = NANOS_PER_MINUTE;
    private final long capacityUnits;
    private long units;
    private Instant refilledAt;
    private Instant pausedUntil;
    private long rateLimitedReports;
    private final Map<Priority, Long> grants = new EnumMap<>(Priority.class);
    private final List<Instant> grantTimes = new ArrayList<>();
    private Duration totalWait = Duration.ZERO;

    public VirtualTimeRateBudget(ManualClock clock, int ratePerMinute, int burst, int backgroundReserve) {
        this(clock, ratePerMinute, burst, backgroundReserve, DEFAULT_PENALTY);
    }

    /** As the four-argument constructor, with the pause that follows {@link #reportRateLimited()}. */
    public VirtualTimeRateBudget(
            ManualClock clock, int ratePerMinute, int burst, int backgroundReserve, Duration rateLimitPenalty) {
        this.clock = Objects.requireNonNull(clock, "clock");
        if (ratePerMinute < 1 || burst < 1 || backgroundReserve < 0 || backgroundReserve >= burst) {
            throw new IllegalArgumentException("a budget needs ratePerMinute >= 1, burst >= 1 and "
                    + "0 <= backgroundReserve < burst; got rate " + ratePerMinute + ", burst " + burst
                    + ", reserve " + backgroundReserve);
        }
        Objects.requireNonNull(rateLimitPenalty, "rateLimitPenalty");
        if (rateLimitPenalty.isNegative()) {
            throw new IllegalArgumentException("the rate-limit penalty must not be negative, got " + rateLimitPenalty);
        }
        this.ratePerMinute = ratePerMinute;
        this.burst = burst;
        this.backgroundReserve = backgroundReserve;
        this.penalty = rateLimitPenalty;
        this.capacityUnits = burst * unitsPerToken;
        this.units = capacityUnits;
        this.refilledAt = clock.instant();
        this.pausedUntil = refilledAt;
        for (Priority priority : Priority.values()) {
            grants.put(priority, 0L);
        }
    }

    /** Grants a token at once if one is free for this priority, else advances the clock until one is. */
    @Override
    public synchronized Duration acquire(Priority priority) {
        Objects.requireNonNull(priority, "priority");
        Instant start = clock.instant();
        long needed = (priority.reserve(backgroundReserve, burst) + 1L) * unitsPerToken;
        while (true) {
            Instant now = clock.instant();
            refill(now);
            if (now.isBefore(pausedUntil)) {
                clock.advanceTo(pausedUntil);
                continue;
            }
            if (units >= needed) {
                units -= unitsPerToken;
                grants.merge(priority, 1L, Long::sum);
                grantTimes.add(now);
                Duration waited = start.isAfter(now) ? Duration.ZERO : Duration.between(start, now);
                totalWait = totalWait.plus(waited);
                return waited;
            }
            long missing = needed - units;
            long nanos = (missing + ratePerMinute - 1) / ratePerMinute;
            clock.advanceTo(now.plusNanos(nanos));
        }
    }

    @Override
    public synchronized void reportRateLimited() {
        Instant until = clock.instant().plus(penalty);
        if (until.isAfter(pausedUntil)) {
            pausedUntil = until;
        }
        rateLimitedReports++;
    }

    @Override
    public synchronized BudgetStatus status() {
        Instant now = clock.instant();
        refill(now);
        Optional<Instant> pause = now.isBefore(pausedUntil) ? Optional.of(pausedUntil) : Optional.empty();
        return new BudgetStatus(
                ratePerMinute, burst, backgroundReserve, units / unitsPerToken, pause, rateLimitedReports);
    }

    /** How many tokens were granted at this priority. */
    public synchronized long grants(Priority priority) {
        return grants.get(priority);
    }

    /** How many tokens were granted in all. */
    public synchronized long totalGrants() {
        return grantTimes.size();
    }

    /** The virtual time of every grant, in order. */
    public synchronized List<Instant> grantTimes() {
        return List.copyOf(grantTimes);
    }

    /** The largest number of grants in any window of this length, e.g. to assert "never more than 40 a minute". */
    public synchronized int maxGrantsInAnyWindow(Duration window) {
        int max = 0;
        int first = 0;
        for (int last = 0; last < grantTimes.size(); last++) {
            Instant windowStart = grantTimes.get(last).minus(window);
            while (!grantTimes.get(first).isAfter(windowStart)) {
                first++;
            }
            max = Math.max(max, last - first + 1);
        }
        return max;
    }

    /** The sum of all virtual waits handed out by {@link #acquire}. */
    public synchronized Duration totalWait() {
        return totalWait;
    }

    public synchronized long rateLimitedReports() {
        return rateLimitedReports;
    }

    public ManualClock clock() {
        return clock;
    }

    private void refill(Instant now) {
        if (!now.isAfter(refilledAt)) {
            return; // the clock was set back, or no time passed: nothing to add
        }
        Duration elapsed = Duration.between(refilledAt, now);
        long missing = capacityUnits - units;
        // Compare in nanoseconds first so that long idle periods never overflow the multiplication.
        long nanosToFull = (missing + ratePerMinute - 1) / ratePerMinute;
        if (elapsed.compareTo(Duration.ofNanos(nanosToFull)) >= 0) {
            units = capacityUnits;
        } else {
            units += elapsed.toNanos() * ratePerMinute;
        }
        refilledAt = now;
    }

    @Override
    public String toString() {
        return "VirtualTimeRateBudget[" + ratePerMinute + "/min, burst " + burst + ", reserve " + backgroundReserve
                + "]";
    }
}
