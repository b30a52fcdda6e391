package dev.fieldsync.app.delivery;

import dev.fieldsync.application.delivery.ConsumerLag;
import dev.fieldsync.ports.out.delivery.ConsumerState;
import dev.fieldsync.ports.out.delivery.DeliveryLog;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Where one consumer stands, for the API, the CLI, the metrics and readiness: its configuration, its durable state
 * (cursor, the failed attempts of the next change, since when it fails, the next retry, paused), its lag (changes and
 * the age of the oldest change it has not got) and its dead letters.
 */
public record ConsumerStatus(
        ChangeConsumers.Configured configured,
        ConsumerState state,
        ConsumerLag.Standing lag,
        List<DeliveryLog.DeadLetter> deadLetters) {

    public String name() {
        return configured.name();
    }

    /** Why readiness should warn about this consumer, if it should: paused, or lagging more than {@code maxLag}. */
    public Optional<String> warning(Duration maxLag) {
        if (state.paused()) {
            return Optional.of("consumer " + name() + " is paused after failing since "
                    + state.failingSince().map(Object::toString).orElse("?") + "; fix the receiver, then"
                    + " POST /api/changes/consumers/" + name() + "/resume or 'fieldsync changes resume " + name()
                    + "'");
        }
        if (configured.enabled() && lag.age().compareTo(maxLag) > 0) {
            return Optional.of("consumer " + name() + " is " + lag.changes() + " change(s) and "
                    + lag.age().toSeconds()
                    + " s behind (more than fieldsync.changes.delivery.max-lag, " + maxLag.toSeconds()
                    + " s); see GET /api/changes/consumers/" + name() + "/deliveries");
        }
        return Optional.empty();
    }
}
