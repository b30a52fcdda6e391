package dev.fieldsync.ports.in.write;

import dev.fieldsync.domain.id.JobId;
import java.util.Optional;

/** Cancels a pending job, with a reason shown to the scheduling team. */
public interface CancelJob {

    WriteOutcome<JobId> cancel(JobId job, Optional<String> reason);
}
