package dev.fieldsync.adapters.memory;

import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.ports.out.events.JobChangeListener;
import dev.fieldsync.ports.out.store.JobChange;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records every delivered change list, in order, so tests can assert what subscribers were told. */
public final class RecordingJobChangeListener implements JobChangeListener {

    /** One call of {@link #onChanges}. */
    public record Delivery(IntegrationId integration, List<JobChange> changes) {
        public Delivery {
            Objects.requireNonNull(integration, "integration");
            changes = List.copyOf(changes);
        }
    }

    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();

    @Override
    public void onChanges(IntegrationId integration, List<JobChange> changes) {
        deliveries.add(new Delivery(integration, changes));
    }

    /** Every delivery, in order. */
    public List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    /** Every change of every delivery, in order. */
    public List<JobChange> changes() {
        return deliveries.stream()
                .flatMap(delivery -> delivery.changes().stream())
                .toList();
    }

    /** Every change delivered for one integration, in order. */
    public List<JobChange> changes(IntegrationId integration) {
        return deliveries.stream()
                .filter(delivery -> delivery.integration().equals(integration))
                .flatMap(delivery -> delivery.changes().stream())
                .toList();
    }

    public void clear() {
        deliveries.clear();
    }
}
