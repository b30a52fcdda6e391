package dev.fieldsync.sandbox;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The gateway's own clock: real time plus a set offset (negative = behind the client), which its {@code Date}
 * header shows; and {@link #stamps()}, the clock its {@code updated_at} stamps come from, a set replication lag
 * behind it (a change becomes visible that long after the time it is stamped with).
 */
public final class SandboxClock extends Clock {
    private final Clock real;
    private volatile long offsetMillis;
    private volatile long lagMillis;
    private final Clock stamps = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("the sandbox's clocks are UTC");
        }

        @Override
        public Instant instant() {
            return SandboxClock.this.instant().minusMillis(lagMillis);
        }
    };

    SandboxClock(Clock real) {
        this.real = real;
    }

    /** Where {@code updated_at} comes from: this clock minus the replication lag. */
    public Clock stamps() {
        return stamps;
    }

    void offsetMillis(long millis) {
        offsetMillis = millis;
    }

    long offsetMillis() {
        return offsetMillis;
    }

    void lagMillis(long millis) {
        if (millis < 0) {
            throw new IllegalArgumentException("replication lag must be >= 0");
        }
        lagMillis = millis;
    }

    long lagMillis() {
        return lagMillis;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the sandbox's clocks are UTC");
    }

    @Override
    public Instant instant() {
        return real.instant().plusMillis(offsetMillis);
    }
}
