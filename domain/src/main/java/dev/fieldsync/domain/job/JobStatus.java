package dev.fieldsync.domain.job;

import dev.fieldsync.domain.id.StatusId;
import java.util.Objects;

/** A job's status as the gateway reports it: the tenant's status id and name, and its lifecycle state. */
public record JobStatus(StatusId id, String name, JobState state) {
    public JobStatus {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
    }
}
