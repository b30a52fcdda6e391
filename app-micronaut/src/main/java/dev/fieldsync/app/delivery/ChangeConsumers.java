package dev.fieldsync.app.delivery;

import dev.fieldsync.application.delivery.ChangeConsumer;
import dev.fieldsync.domain.id.IntegrationId;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The change feed's consumers configured in this service (webhook endpoints and broker sinks), in the order of the
 * settings, with what the API shows of each; closes their sinks when the service stops.
 */
public final class ChangeConsumers implements AutoCloseable {
    /**
     * One consumer: the core's view of it, its type ({@code webhook}, {@code rabbitmq}), where it delivers, on/off,
     * and the integrations whose changes it gets (empty: every integration the service serves).
     */
    public record Configured(
            ChangeConsumer consumer, String type, String target, boolean enabled, Set<IntegrationId> integrations) {
        public Configured {
            integrations = Set.copyOf(integrations);
        }

        public String name() {
            return consumer.name();
        }

        /** Whether this consumer gets the changes of {@code integration}. */
        public boolean serves(IntegrationId integration) {
            return integrations.isEmpty() || integrations.contains(integration);
        }
    }

    private final List<Configured> all;
    private final List<AutoCloseable> resources;

    public ChangeConsumers(List<Configured> all, List<AutoCloseable> resources) {
        this.all = List.copyOf(all);
        this.resources = List.copyOf(resources);
    }

    public List<Configured> all() {
        return all;
    }

    public Optional<Configured> find(String name) {
        return all.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** The names, for a hint that lists what there is. */
    public String names() {
        return all.isEmpty()
                ? "none is configured (fieldsync.changes.endpoints.<name>.url, fieldsync.changes.rabbitmq.<name>.uri)"
                : String.join(", ", all.stream().map(Configured::name).toList());
    }

    @Override
    public void close() {
        for (int i = resources.size() - 1; i >= 0; i--) {
            AutoCloseable resource = resources.get(i);
            try {
                resource.close();
            } catch (Exception ignored) {
                // closing at shutdown: nothing more to do
            }
        }
    }
}
