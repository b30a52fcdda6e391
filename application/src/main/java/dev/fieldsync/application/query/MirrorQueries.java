package dev.fieldsync.application.query;

import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.domain.id.JobId;
import dev.fieldsync.domain.mirror.JobSearch;
import dev.fieldsync.domain.mirror.JobSlice;
import dev.fieldsync.domain.mirror.MirroredJob;
import dev.fieldsync.ports.in.query.QueryJobs;
import dev.fieldsync.ports.out.store.Jobs;
import java.util.Objects;
import java.util.Optional;

/** Reads one integration's mirror; never spends budget. */
public final class MirrorQueries implements QueryJobs {
    private final IntegrationId integration;
    private final Jobs jobs;

    public MirrorQueries(IntegrationId integration, Jobs jobs) {
        this.integration = Objects.requireNonNull(integration, "integration");
        this.jobs = Objects.requireNonNull(jobs, "jobs");
    }

    @Override
    public JobSlice search(JobSearch search) {
        return jobs.search(integration, Objects.requireNonNull(search, "search"));
    }

    @Override
    public Optional<MirroredJob> find(JobId job) {
        return jobs.find(integration, Objects.requireNonNull(job, "job"));
    }
}
