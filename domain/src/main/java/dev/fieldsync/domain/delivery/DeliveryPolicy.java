package dev.fieldsync.domain.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What to do after a delivery to a consumer failed: retry it later on the {@link RetrySchedule}, dead-letter it
 * once its attempts are used up (the consumer moves on to the next change; the change can be replayed), or pause
 * the consumer when it has failed without a single success for longer than {@code pauseAfter} (nothing is
 * dead-lettered while paused: an operator resumes it and delivery goes on where it stood).
 */
public record DeliveryPolicy(RetrySchedule retries, Duration pauseAfter) {
    public static final DeliveryPolicy DEFAULT = new DeliveryPolicy(RetrySchedule.DEFAULT, Duration.ofHours(24));

    public DeliveryPolicy {
        Objects.requireNonNull(retries, "retries");
        if (pauseAfter.isNegative() || pauseAfter.isZero()) {
            throw new IllegalArgumentException("the pause-after duration must be positive, not " + pauseAfter);
        }
    }

    /** The verdict after a failed attempt. */
    public sealed interface Decision permits Retry, DeadLetter, Pause {}

    /** Try the same change again at {@code at}. */
    public record Retry(Instant at) implements Decision {}

    /** Give the change up (recorded as a dead letter) and go on with the next one. */
    public record DeadLetter() implements Decision {}

    /** Stop delivering to this consumer until it is resumed. */
    public record Pause() implements Decision {}

    /**
     * @param failedAttempts the attempts of this change that failed, this one included (1-based)
     * @param failingSince when the consumer's current run of failures began (its first failure after a success)
     */
    public Decision afterFailure(int failedAttempts, Instant failingSince, Instant now) {
        if (Duration.between(failingSince, now).compareTo(pauseAfter) > 0) {
            return new Pause();
        }
        return retries.delayAfter(failedAttempts)
                .<Decision>map(delay -> new Retry(now.plus(delay)))
                .orElseGet(DeadLetter::new);
    }
}
