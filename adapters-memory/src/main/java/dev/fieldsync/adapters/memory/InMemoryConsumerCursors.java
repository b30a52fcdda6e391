package dev.fieldsync.adapters.memory;

import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.ports.out.delivery.ConsumerCursors;
import dev.fieldsync.ports.out.delivery.ConsumerState;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/** Each consumer's state in memory; {@link #saves()} counts writes. */
public final class InMemoryConsumerCursors implements ConsumerCursors {
    private record Key(IntegrationId integration, String consumer) {}

    private final Map<Key, ConsumerState> states = new ConcurrentHashMap<>();
    private volatile int saves;

    @Override
    public ConsumerState load(IntegrationId integration, String consumer) {
        return states.getOrDefault(new Key(integration, consumer), ConsumerState.START);
    }

    @Override
    public synchronized void save(IntegrationId integration, String consumer, ConsumerState state) {
        states.put(new Key(integration, consumer), Objects.requireNonNull(state, "state"));
        saves++;
    }

    public int saves() {
        return saves;
    }
}
