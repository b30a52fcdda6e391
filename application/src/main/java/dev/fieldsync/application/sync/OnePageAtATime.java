package dev.fieldsync.application.sync;

import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.domain.id.JobId;
import dev.fieldsync.domain.job.Job;
import dev.fieldsync.domain.job.JobState;
import dev.fieldsync.domain.mirror.JobSearch;
import dev.fieldsync.domain.mirror.JobSlice;
import dev.fieldsync.domain.mirror.MirroredJob;
import dev.fieldsync.domain.sync.SweepState;
import dev.fieldsync.domain.sync.SyncCheckpoint;
import dev.fieldsync.ports.out.store.JobChange;
import dev.fieldsync.ports.out.store.Jobs;
import dev.fieldsync.ports.out.store.PageApplied;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The mirror as sync and sweep share it on the leading instance: their page writes (and the sweep's gone marks)
 * take turns, so a sync page and a sweep page that update the same rows in different orders never deadlock on a
 * database's row locks. Each write is one short transaction, so neither waits long; reads pass straight through.
 */
public final class OnePageAtATime implements Jobs {
    private final Jobs delegate;
    private final ReentrantLock lock = new ReentrantLock();

    public OnePageAtATime(Jobs delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public PageApplied applyPage(IntegrationId integration, List<Job> page, SyncCheckpoint checkpoint, Instant seenAt) {
        return locked(() -> delegate.applyPage(integration, page, checkpoint, seenAt));
    }

    @Override
    public PageApplied applySweepPage(IntegrationId integration, List<Job> page, SweepState state, Instant seenAt) {
        return locked(() -> delegate.applySweepPage(integration, page, state, seenAt));
    }

    @Override
    public long countUnswept(IntegrationId integration, long sweep, Instant sweepStartedAt) {
        return delegate.countUnswept(integration, sweep, sweepStartedAt);
    }

    @Override
    public long markGone(IntegrationId integration, long sweep, Instant sweepStartedAt, Instant at) {
        return locked(() -> delegate.markGone(integration, sweep, sweepStartedAt, at));
    }

    @Override
    public long countGone(IntegrationId integration) {
        return delegate.countGone(integration);
    }

    @Override
    public Optional<JobChange> upsert(IntegrationId integration, Job job, Instant seenAt) {
        return delegate.upsert(integration, job, seenAt);
    }

    @Override
    public Optional<MirroredJob> find(IntegrationId integration, JobId job) {
        return delegate.find(integration, job);
    }

    @Override
    public JobSlice search(IntegrationId integration, JobSearch search) {
        return delegate.search(integration, search);
    }

    @Override
    public long count(IntegrationId integration) {
        return delegate.count(integration);
    }

    @Override
    public boolean markProvisionalState(IntegrationId integration, JobId job, JobState state, Instant at) {
        return delegate.markProvisionalState(integration, job, state, at);
    }

    private <T> T locked(Supplier<T> write) {
        lock.lock();
        try {
            return write.get();
        } finally {
            lock.unlock();
        }
    }
}
