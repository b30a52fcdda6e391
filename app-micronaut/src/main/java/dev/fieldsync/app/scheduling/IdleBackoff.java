package dev.fieldsync.app.scheduling;

import java.time.Duration;

/**
 * How long an idle poll waits: {@code base} after it found work, then twice as long after each look that found
 * nothing, up to {@code max} ({@code fieldsync.scheduler.idle-max-delay}; never below the base). So a hundred idle
 * integrations cost a query per {@code max} each instead of one per base, and work that no local signal announces
 * (another instance's commit, a retry that came due) is still seen within {@code max}.
 */
final class IdleBackoff {
    private final Duration base;
    private final Duration max;
    private Duration current;

    IdleBackoff(Duration base, Duration max) {
        this.base = base;
        this.max = max.compareTo(base) < 0 ? base : max;
        this.current = base;
    }

    /** The wait after a look: the base when it found work, else the current backoff (which then doubles). */
    synchronized Duration after(boolean foundWork) {
        if (foundWork) {
            current = base;
            return base;
        }
        Duration wait = current;
        Duration doubled = current.multipliedBy(2);
        current = doubled.compareTo(max) > 0 ? max : doubled;
        return wait;
    }

    Duration base() {
        return base;
    }

    Duration max() {
        return max;
    }
}
