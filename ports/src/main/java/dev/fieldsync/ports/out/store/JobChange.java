package dev.fieldsync.ports.out.store;

import dev.fieldsync.domain.job.Job;
import java.util.Objects;

/** A job that a page brought in new, or whose content (fingerprint) changed. */
public record JobChange(Kind kind, Job job) {
    /** New to the mirror, or already there with other content. */
    public enum Kind {
        NEW,
        CHANGED
    }

    public JobChange {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(job, "job");
    }
}
