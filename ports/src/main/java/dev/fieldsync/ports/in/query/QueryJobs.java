package dev.fieldsync.ports.in.query;

import dev.fieldsync.domain.id.JobId;
import dev.fieldsync.ports.out.store.JobSearch;
import dev.fieldsync.ports.out.store.JobSlice;
import dev.fieldsync.ports.out.store.MirroredJob;
import java.util.Optional;

/** Reads the local mirror; never calls the gateway. */
public interface QueryJobs {

    JobSlice search(JobSearch search);

    Optional<MirroredJob> find(JobId job);
}
