package dev.fieldsync.ports.out.delivery;

import dev.fieldsync.domain.id.IntegrationId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** Per consumer: every delivery attempt (status, latency, detail) and the changes given up (dead letters). */
public interface DeliveryLog {

    /** One attempt to deliver the change at {@code sequence}, as recorded. */
    record RecordedAttempt(long sequence, DeliveryAttempt attempt, Instant at) {
        public RecordedAttempt {
            Objects.requireNonNull(attempt, "attempt");
            Objects.requireNonNull(at, "at");
        }
    }

    /** A change given up after {@code attempts} failed attempts, the last one for {@code reason}. */
    record DeadLetter(long sequence, String changeId, int attempts, String reason, Instant at) {
        public DeadLetter {
            Objects.requireNonNull(changeId, "changeId");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(at, "at");
        }
    }

    /** A recorded attempt with its place in the log ({@code id} grows with every attempt): the key of a page. */
    record LoggedAttempt(long id, RecordedAttempt recorded) {
        public LoggedAttempt {
            Objects.requireNonNull(recorded, "recorded");
        }
    }

    void recordAttempts(IntegrationId integration, String consumer, List<RecordedAttempt> attempts);

    /** Up to {@code limit} attempts of the consumer, newest first. */
    List<RecordedAttempt> latestAttempts(IntegrationId integration, String consumer, int limit);

    /**
     * A page of the consumer's attempts, newest first: up to {@code limit} with an id below {@code beforeId} (pass
     * {@link Long#MAX_VALUE} for the newest; the last id of a page asks for the next). Stable while attempts are
     * added, since new ones have higher ids.
     */
    default List<LoggedAttempt> attemptsBefore(IntegrationId integration, String consumer, long beforeId, int limit) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " does not page its delivery log");
    }

    void deadLetter(IntegrationId integration, String consumer, DeadLetter letter);

    /** The consumer's dead letters, in sequence order. */
    List<DeadLetter> deadLetters(IntegrationId integration, String consumer);

    /** Forgets the dead letters with a sequence in {@code [from, to]} (they were replayed and delivered). */
    void clearDeadLetters(IntegrationId integration, String consumer, long from, long to);
}
