package dev.fieldsync.domain.job;

import dev.fieldsync.domain.id.JobId;
import java.util.Objects;
import java.util.Optional;

/** A request to cancel a job; the optional reason is shown to the scheduling team. */
public record CancelRequest(JobId job, Optional<String> reason) {
    /** The gateway documents no limit; we keep reasons to the size of a job note. */
    public static final int REASON_MAX = 2000;

    public CancelRequest {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(reason, "reason");
        reason = reason.map(String::strip).filter(r -> !r.isEmpty());
        if (reason.isPresent() && reason.get().length() > REASON_MAX) {
            throw new IllegalArgumentException("a cancel reason may be at most " + REASON_MAX + " characters");
        }
    }
}
