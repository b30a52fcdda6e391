package dev.fieldsync.application.delivery;

import dev.fieldsync.domain.change.ChangeKind;
import dev.fieldsync.domain.delivery.DeliveryPolicy;
import dev.fieldsync.ports.out.delivery.ChangeSink;
import java.util.Objects;
import java.util.Set;

/**
 * One consumer of the change feed (a webhook endpoint, a broker sink): its name (its key in the durable state),
 * the kinds it wants (empty: all), where its deliveries go, its retry rules and how many changes one batch holds.
 */
public record ChangeConsumer(
        String name, Set<ChangeKind> kinds, ChangeSink sink, DeliveryPolicy policy, int batchSize) {
    public ChangeConsumer {
        if (name == null || !name.matches("[a-z0-9][a-z0-9-]{0,62}")) {
            throw new IllegalArgumentException("a consumer's name is 1 to 63 lower-case letters, digits and '-'"
                    + " (starting with a letter or digit), not '" + name + "'");
        }
        kinds = Set.copyOf(kinds);
        Objects.requireNonNull(sink, "sink");
        Objects.requireNonNull(policy, "policy");
        if (batchSize < 1 || batchSize > 1000) {
            throw new IllegalArgumentException(
                    "consumer '" + name + "': the batch size must be 1..1000, not " + batchSize);
        }
    }
}
