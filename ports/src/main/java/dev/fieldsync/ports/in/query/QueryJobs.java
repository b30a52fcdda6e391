package dev.fieldsync.ports.in.query;

import dev.fieldsync.domain.id.JobId;
import dev.fieldsync.domain.mirror.JobSearch;
import dev.fieldsync.domain.mirror.JobSlice;
import dev.fieldsync.domain.mirror.MirroredJob;
import java.util.Optional;

/** Reads the local mirror; never calls the gateway. */
public interface QueryJobs {

    JobSlice search(JobSearch search);

    Optional<MirroredJob> find(JobId job);
}
