package dev.fieldsync.ports.in.write;

import dev.fieldsync.domain.id.JobId;
import dev.fieldsync.domain.job.JobPatchInput;

/** Changes the writable members of a pending job. */
public interface UpdateJob {

    WriteOutcome<JobId> update(JobId job, JobPatchInput patch);
}
