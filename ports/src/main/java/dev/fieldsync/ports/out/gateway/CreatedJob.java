package dev.fieldsync.ports.out.gateway;

import dev.fieldsync.domain.id.JobId;
import dev.fieldsync.domain.id.JobNumber;
import java.util.Objects;
import java.util.Optional;

/** The gateway's answer to a create: the new job's id and, when given, its number. */
public record CreatedJob(JobId id, Optional<JobNumber> number) {
    public CreatedJob {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(number, "number");
    }
}
