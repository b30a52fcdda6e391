package dev.fieldsync.app.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.fieldsync.app.delivery.ConsumerStatus;
import dev.fieldsync.application.delivery.ChangeReplay;
import dev.fieldsync.domain.change.ChangeKind;
import dev.fieldsync.ports.out.delivery.DeliveryAttempt;
import dev.fieldsync.ports.out.delivery.DeliveryLog;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The API's views of the change feed's consumers: status, delivery log pages, replay results. */
public final class ConsumerViews {
    private ConsumerViews() {}

    /** One consumer: what it is, where it stands, how far behind, what failed and what was given up. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record Consumer(
            String name,
            String type,
            String target,
            boolean enabled,
            @JsonInclude(JsonInclude.Include.ALWAYS) List<String> kinds,
            long cursor,
            long lagChanges,
            long lagSeconds,
            boolean paused,
            int failedAttempts,
            @Nullable Instant failingSince,
            @Nullable Instant nextAttemptAt,
            int deadLetterCount,
            @JsonInclude(JsonInclude.Include.ALWAYS) List<DeadLetter> deadLetters,
            @Nullable String warning) {

        public static Consumer of(ConsumerStatus status, Duration maxLag) {
            var configured = status.configured();
            var state = status.state();
            return new Consumer(
                    status.name(),
                    configured.type(),
                    configured.target(),
                    configured.enabled(),
                    configured.consumer().kinds().stream()
                            .map(ChangeKind::wireName)
                            .sorted()
                            .toList(),
                    state.cursor(),
                    status.lag().changes(),
                    status.lag().age().toSeconds(),
                    state.paused(),
                    state.failedAttempts(),
                    state.failingSince().orElse(null),
                    state.nextAttemptAt().orElse(null),
                    status.deadLetters().size(),
                    status.deadLetters().stream().limit(100).map(DeadLetter::of).toList(),
                    status.warning(maxLag).orElse(null));
        }
    }

    /** A change given up after its last attempt. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record DeadLetter(long sequence, String changeId, int attempts, String reason, Instant at) {
        static DeadLetter of(DeliveryLog.DeadLetter letter) {
            return new DeadLetter(
                    letter.sequence(), letter.changeId(), letter.attempts(), letter.reason(), letter.at());
        }
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    public record ConsumerList(
            @JsonInclude(JsonInclude.Include.ALWAYS) List<Consumer> consumers) {}

    /** One attempt of the delivery log; {@code id} keys the pages. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record Attempt(
            @Nullable Long id,
            long sequence,
            String changeId,
            boolean delivered,
            @Nullable Integer status,
            String detail,
            double latencyMs,
            @Nullable Instant attemptedAt) {
        public static Attempt of(DeliveryLog.LoggedAttempt logged) {
            DeliveryLog.RecordedAttempt recorded = logged.recorded();
            return of(logged.id(), recorded.sequence(), recorded.attempt(), recorded.at());
        }

        static Attempt of(Long id, long sequence, DeliveryAttempt attempt, Instant at) {
            return new Attempt(
                    id,
                    sequence,
                    attempt.deliveryId(),
                    attempt.delivered(),
                    attempt.status().isPresent() ? attempt.status().getAsInt() : null,
                    attempt.detail(),
                    attempt.latency().toNanos() / 1_000_000.0,
                    at);
        }
    }

    /** A page of the delivery log, newest first, and the link to the older ones (absent on the last page). */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record DeliveryPage(
            String consumer,
            @JsonInclude(JsonInclude.Include.ALWAYS) List<Attempt> deliveries,
            @Nullable String next) {}

    /** What a replay did: the changes it found in the range (of the consumer's kinds), how many were delivered. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record Replayed(
            String consumer,
            long from,
            @Nullable Long to,
            int found,
            long delivered,
            @JsonInclude(JsonInclude.Include.ALWAYS) List<Attempt> attempts,
            String message) {
        public static Replayed of(String consumer, long from, long to, ChangeReplay.Result result) {
            List<Attempt> attempts = result.attempts().stream()
                    .map(attempt -> new Attempt(
                            null,
                            sequenceOf(attempt.deliveryId()),
                            attempt.deliveryId(),
                            attempt.delivered(),
                            attempt.status().isPresent() ? attempt.status().getAsInt() : null,
                            attempt.detail(),
                            attempt.latency().toNanos() / 1_000_000.0,
                            null))
                    .toList();
            String message = result.found() == 0
                    ? "no change of this consumer's kinds in " + from + ".." + to
                    : result.delivered() == result.found()
                            ? "delivered " + result.delivered() + " change(s) again"
                            : "delivered " + result.delivered() + " of " + result.found()
                                    + " change(s); the first failure stopped the replay (see attempts)";
            return new Replayed(consumer, from, to, result.found(), result.delivered(), attempts, message);
        }

        private static long sequenceOf(String changeId) {
            return Long.parseLong(changeId.substring(changeId.lastIndexOf('_') + 1));
        }
    }

    /** A rewind or resume: what happens next. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record Moved(Consumer consumer, String message) {}
}
