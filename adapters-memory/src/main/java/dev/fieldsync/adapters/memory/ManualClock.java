package dev.fieldsync.adapters.memory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/** A clock that moves only when told to (UTC); thread-safe, so tests never depend on wall-clock luck. */
public final class ManualClock extends Clock {
    private final AtomicReference<Instant> now;

    public ManualClock(Instant start) {
        this.now = new AtomicReference<>(Objects.requireNonNull(start, "start"));
    }

    /** Moves the clock forward; a negative amount is refused (use {@link #set} to go back on purpose). */
    public Instant advance(Duration amount) {
        Objects.requireNonNull(amount, "amount");
        if (amount.isNegative()) {
            throw new IllegalArgumentException(
                    "a manual clock only advances; got " + amount + " (use set() to go back)");
        }
        return now.updateAndGet(current -> current.plus(amount));
    }

    /** Moves the clock to {@code instant}, forward or back. */
    public void set(Instant instant) {
        now.set(Objects.requireNonNull(instant, "instant"));
    }

    /** Moves the clock to {@code instant} unless it is already later; returns the time now. */
    public Instant advanceTo(Instant instant) {
        Objects.requireNonNull(instant, "instant");
        return now.updateAndGet(current -> current.isBefore(instant) ? instant : current);
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /** A view of this clock in another zone: it shares the same (manual) time. */
    @Override
    public Clock withZone(ZoneId zone) {
        Objects.requireNonNull(zone, "zone");
        if (zone.equals(ZoneOffset.UTC)) {
            return this;
        }
        ManualClock source = this;
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return zone;
            }

            @Override
            public Clock withZone(ZoneId other) {
                return source.withZone(other);
            }

            @Override
            public Instant instant() {
                return source.instant();
            }
        };
    }

    @Override
    public String toString() {
        return "ManualClock[" + instant() + "]";
    }
}
