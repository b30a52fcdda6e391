package dev.fieldsync.app.delivery;

import dev.fieldsync.application.delivery.ConsumerLag;
import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.ports.out.delivery.ConsumerState;
import dev.fieldsync.ports.out.delivery.DeliveryLog;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Where one (integration, consumer) pair stands, for the API, the CLI, the metrics and readiness: the integration
 * whose changes and the API base its paths are under ({@code /api} for the default, {@code /api/integrations/{id}}
 * for another), the consumer's configuration, the pair's durable state (cursor, the failed attempts of the next
 * change, since when it fails, the next retry, paused), its lag (changes and the age of the oldest change it has not
 * got) and its dead letters.
 */
public record ConsumerStatus(
        IntegrationId integration,
        String apiBase,
        ChangeConsumers.Configured configured,
        ConsumerState state,
        ConsumerLag.Standing lag,
        List<DeliveryLog.DeadLetter> deadLetters) {

    public String name() {
        return configured.name();
    }

    /** Why readiness should warn about this consumer, if it should: paused, or lagging more than {@code maxLag}. */
    public Optional<String> warning(Duration maxLag) {
        boolean scoped = !"/api".equals(apiBase);
        String of = scoped ? " of integration " + integration.value() : "";
        if (state.paused()) {
            return Optional.of("consumer " + name() + of + " is paused after failing since "
                    + state.failingSince().map(Object::toString).orElse("?") + "; fix the receiver, then"
                    + " POST " + apiBase + "/changes/consumers/" + name() + "/resume or 'fieldsync changes resume "
                    + name() + (scoped ? " --integration " + integration.value() : "") + "'");
        }
        if (configured.enabled() && lag.age().compareTo(maxLag) > 0) {
            return Optional.of("consumer " + name() + of + " is " + lag.changes() + " change(s) and "
                    + lag.age().toSeconds()
                    + " s behind (more than fieldsync.changes.delivery.max-lag, " + maxLag.toSeconds()
                    + " s); see GET " + apiBase + "/changes/consumers/" + name() + "/deliveries");
        }
        return Optional.empty();
    }
}
