package dev.fieldsync.domain.job;

import dev.fieldsync.domain.id.CustomerId;
import java.util.Objects;

/** The customer a job belongs to, as embedded in the job. */
public record CustomerRef(CustomerId id, String name) {
    public CustomerRef {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
    }
}
