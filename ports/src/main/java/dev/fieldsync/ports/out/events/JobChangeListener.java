package dev.fieldsync.ports.out.events;

import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.ports.out.store.JobChange;
import java.util.List;

/** Told about new and changed jobs after the page that brought them has committed. */
@FunctionalInterface
public interface JobChangeListener {

    void onChanges(IntegrationId integration, List<JobChange> changes);
}
