package dev.fieldsync.ports.out.delivery;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Where one consumer of the change feed stands: {@code cursor} is the sequence of the last change it is done with
 * (delivered or dead-lettered; 0 before the first), {@code failedAttempts} the failed attempts of the next change,
 * {@code failingSince} when its current run of failures began, {@code nextAttemptAt} when the next retry is due,
 * {@code paused} whether delivery waits for an operator.
 */
public record ConsumerState(
        long cursor,
        int failedAttempts,
        Optional<Instant> failingSince,
        Optional<Instant> nextAttemptAt,
        boolean paused) {
    /** A consumer that has delivered nothing yet: it starts at the oldest change the log holds. */
    public static final ConsumerState START = new ConsumerState(0, 0, Optional.empty(), Optional.empty(), false);

    public ConsumerState {
        if (cursor < 0 || failedAttempts < 0) {
            throw new IllegalArgumentException("a consumer's cursor and failed attempts are never negative");
        }
        Objects.requireNonNull(failingSince, "failingSince");
        Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
    }

    /** Done with every change up to {@code sequence}; the run of failures, if any, is over. */
    public ConsumerState deliveredThrough(long sequence) {
        return new ConsumerState(sequence, 0, Optional.empty(), Optional.empty(), paused);
    }

    /** Another failed attempt of the next change; the next one is due at {@code retryAt}. */
    public ConsumerState failed(Instant failingSince, Instant retryAt) {
        return new ConsumerState(cursor, failedAttempts + 1, Optional.of(failingSince), Optional.of(retryAt), paused);
    }

    /** Gave the change at {@code sequence} up; still failing since {@code failingSince}. */
    public ConsumerState deadLettered(long sequence, Instant failingSince) {
        return new ConsumerState(sequence, 0, Optional.of(failingSince), Optional.empty(), paused);
    }

    public ConsumerState pausedAfterFailure(Instant failingSince) {
        return new ConsumerState(cursor, failedAttempts + 1, Optional.of(failingSince), Optional.empty(), true);
    }

    /** Delivery goes on at once, where the consumer stood; the failure count starts over. */
    public ConsumerState resumed() {
        return new ConsumerState(cursor, 0, Optional.empty(), Optional.empty(), false);
    }

    /** Delivery goes on from {@code sequence} (inclusive): every change from there is sent again. */
    public ConsumerState rewoundTo(long sequence) {
        return new ConsumerState(Math.max(0, sequence - 1), 0, Optional.empty(), Optional.empty(), false);
    }
}
