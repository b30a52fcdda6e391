package dev.fieldsync.adapters.memory;

import dev.fieldsync.domain.change.ChangeEntry;
import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.domain.id.JobId;
import dev.fieldsync.domain.job.Job;
import dev.fieldsync.domain.job.JobFingerprint;
import dev.fieldsync.domain.job.JobState;
import dev.fieldsync.domain.mirror.JobSearch;
import dev.fieldsync.domain.mirror.JobSlice;
import dev.fieldsync.domain.mirror.MirroredJob;
import dev.fieldsync.domain.sync.SweepState;
import dev.fieldsync.domain.sync.SyncCheckpoint;
import dev.fieldsync.ports.out.store.ChangeLog;
import dev.fieldsync.ports.out.store.JobChange;
import dev.fieldsync.ports.out.store.Jobs;
import dev.fieldsync.ports.out.store.PageApplied;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The job mirror in memory. {@link #applyPage} upserts and saves the checkpoint under one lock (shared with
 * the {@link InMemorySyncCheckpoints}), so both change or neither does. Searches filter on the effective
 * state (a webhook's provisional state wins until the next pass), as the mirror shows it.
 */
public final class InMemoryJobs implements Jobs {
    private final InMemorySyncCheckpoints checkpoints;
    private final Object lock;
    // Per integration, keyed by job id in numeric order.
    private final Map<IntegrationId, TreeMap<JobId, MirroredJob>> jobs = new HashMap<>();
    private final Optional<ChangeLog> changeLog;
    // Per integration: the number of the last sweep that saw each job.
    private final Map<IntegrationId, Map<JobId, Long>> swept = new HashMap<>();
    private RuntimeException nextApplyFailure;
    private long pagesApplied;

    /** A mirror that writes no change log. */
    public InMemoryJobs(InMemorySyncCheckpoints checkpoints) {
        this(checkpoints, Optional.empty());
    }

    /** A mirror that appends its changes to {@code changeLog} under its lock, with the write they describe. */
    public InMemoryJobs(InMemorySyncCheckpoints checkpoints, ChangeLog changeLog) {
        this(checkpoints, Optional.of(changeLog));
    }

    private InMemoryJobs(InMemorySyncCheckpoints checkpoints, Optional<ChangeLog> changeLog) {
        this.checkpoints = Objects.requireNonNull(checkpoints, "checkpoints");
        this.lock = checkpoints.lock();
        this.changeLog = changeLog;
    }

    @Override
    public PageApplied applyPage(IntegrationId integration, List<Job> page, SyncCheckpoint checkpoint, Instant seenAt) {
        Jobs.requirePageArguments(integration, page, checkpoint, seenAt);
        // Every job of the page has updated_at < the window's end: it existed before then.
        Instant listedBefore =
                checkpoint.inProgress().map(pass -> pass.window().to()).orElse(seenAt);
        synchronized (lock) {
            PageApplied applied = applyLocked(integration, page, seenAt, listedBefore, false);
            checkpoints.save(checkpoint);
            return applied;
        }
    }

    @Override
    public PageApplied applySweepPage(IntegrationId integration, List<Job> page, SweepState state, Instant seenAt) {
        Objects.requireNonNull(integration, "integration");
        Objects.requireNonNull(page, "page");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(seenAt, "seenAt");
        long sweep = state.progress().sweep();
        synchronized (lock) {
            PageApplied applied = applyLocked(integration, page, seenAt, seenAt, true);
            Map<JobId, Long> seen = swept.computeIfAbsent(integration, ignored -> new HashMap<>());
            page.forEach(job -> seen.put(job.id(), sweep));
            checkpoints.saveSweep(state.repairedOnPage(applied.changedCount()));
            return applied;
        }
    }

    private PageApplied applyLocked(
            IntegrationId integration, List<Job> page, Instant seenAt, Instant listedBefore, boolean repaired) {
        if (nextApplyFailure != null) {
            RuntimeException failure = nextApplyFailure;
            nextApplyFailure = null;
            throw failure; // before anything changed: a crash between pages
        }
        TreeMap<JobId, MirroredJob> mirror = mirror(integration);
        List<JobChange> changes = new ArrayList<>();
        List<ChangeEntry> entries = new ArrayList<>();
        int unchanged = 0;
        for (Job job : page) {
            Optional<JobChange> change = upsertLocked(mirror, job, seenAt, listedBefore, true, entries, repaired);
            if (change.isPresent()) {
                changes.add(change.get());
            } else {
                unchanged++;
            }
        }
        record(integration, entries);
        pagesApplied++;
        return new PageApplied(changes, unchanged);
    }

    @Override
    public long countUnswept(IntegrationId integration, long sweep, Instant sweepStartedAt) {
        synchronized (lock) {
            return unswept(integration, sweep, sweepStartedAt).size();
        }
    }

    @Override
    public long markGone(IntegrationId integration, long sweep, Instant sweepStartedAt, Instant at) {
        Objects.requireNonNull(at, "at");
        synchronized (lock) {
            TreeMap<JobId, MirroredJob> mirror = mirror(integration);
            List<ChangeEntry> entries = new ArrayList<>();
            for (MirroredJob job : unswept(integration, sweep, sweepStartedAt)) {
                MirroredJob gone = job.withGoneAt(Optional.of(at));
                mirror.put(job.job().id(), gone);
                entries.add(ChangeEntry.gone(gone, at));
            }
            record(integration, entries);
            return entries.size();
        }
    }

    private List<MirroredJob> unswept(IntegrationId integration, long sweep, Instant sweepStartedAt) {
        Objects.requireNonNull(integration, "integration");
        Objects.requireNonNull(sweepStartedAt, "sweepStartedAt");
        Map<JobId, Long> seen = swept.getOrDefault(integration, Map.of());
        return mirror(integration).values().stream()
                .filter(job -> !job.isGone())
                .filter(job -> seen.getOrDefault(job.job().id(), 0L) < sweep)
                .filter(job -> job.firstSeenAt().isBefore(sweepStartedAt)
                        && job.lastChangedAt().isBefore(sweepStartedAt))
                .toList();
    }

    @Override
    public long countGone(IntegrationId integration) {
        Objects.requireNonNull(integration, "integration");
        synchronized (lock) {
            return mirror(integration).values().stream()
                    .filter(MirroredJob::isGone)
                    .count();
        }
    }

    /** Upserts outside a pass; a provisional state stays until a pass confirms or replaces it. */
    @Override
    public Optional<JobChange> upsert(IntegrationId integration, Job job, Instant seenAt) {
        Objects.requireNonNull(integration, "integration");
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(seenAt, "seenAt");
        synchronized (lock) {
            List<ChangeEntry> entries = new ArrayList<>();
            Optional<JobChange> change = upsertLocked(mirror(integration), job, seenAt, seenAt, false, entries, false);
            record(integration, entries);
            return change;
        }
    }

    private void record(IntegrationId integration, List<ChangeEntry> entries) {
        if (!entries.isEmpty()) {
            changeLog.ifPresent(log -> log.append(integration, entries));
        }
    }

    private static Optional<JobChange> upsertLocked(
            TreeMap<JobId, MirroredJob> mirror,
            Job job,
            Instant seenAt,
            Instant listedBefore,
            boolean clearProvisional,
            List<ChangeEntry> entries,
            boolean repaired) {
        MirroredJob existing = mirror.get(job.id());
        if (existing == null) {
            MirroredJob created = MirroredJob.firstSeen(job, seenAt, listedBefore);
            mirror.put(job.id(), created);
            ChangeEntry entry = ChangeEntry.created(created, seenAt);
            entries.add(repaired ? entry.asRepaired() : entry);
            return Optional.of(new JobChange(JobChange.Kind.NEW, job));
        }
        JobFingerprint fingerprint = job.fingerprint();
        Optional<JobState> provisional = clearProvisional ? Optional.empty() : existing.provisionalState();
        Optional<Instant> provisionalSince = clearProvisional ? Optional.empty() : existing.provisionalSince();
        boolean changed = !fingerprint.equals(existing.fingerprint());
        MirroredJob after = (changed
                        ? existing.changed(job, seenAt, provisional, provisionalSince)
                        : existing.withProvisional(provisional, provisionalSince))
                .withGoneAt(Optional.empty()); // listed again: back
        mirror.put(job.id(), after);
        ChangeEntry.between(Optional.of(existing), after, seenAt)
                .map(entry -> repaired && changed ? entry.asRepaired() : entry)
                .ifPresent(entries::add);
        if (existing.isGone()) {
            entries.add(ChangeEntry.returned(after, seenAt));
        }
        return fingerprint.equals(existing.fingerprint())
                ? Optional.empty()
                : Optional.of(new JobChange(JobChange.Kind.CHANGED, job));
    }

    @Override
    public Optional<MirroredJob> find(IntegrationId integration, JobId job) {
        Objects.requireNonNull(integration, "integration");
        Objects.requireNonNull(job, "job");
        synchronized (lock) {
            return Optional.ofNullable(mirror(integration).get(job));
        }
    }

    @Override
    public JobSlice search(IntegrationId integration, JobSearch search) {
        Objects.requireNonNull(integration, "integration");
        Objects.requireNonNull(search, "search");
        synchronized (lock) {
            return InMemoryJobSearch.slice(mirror(integration), search);
        }
    }

    @Override
    public long count(IntegrationId integration) {
        Objects.requireNonNull(integration, "integration");
        synchronized (lock) {
            return mirror(integration).size();
        }
    }

    @Override
    public boolean markProvisionalState(IntegrationId integration, JobId job, JobState state, Instant at) {
        Objects.requireNonNull(integration, "integration");
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(at, "at");
        synchronized (lock) {
            TreeMap<JobId, MirroredJob> mirror = mirror(integration);
            MirroredJob existing = mirror.get(job);
            if (existing == null) {
                return false;
            }
            MirroredJob marked = existing.withProvisional(Optional.of(state), Optional.of(at));
            mirror.put(job, marked);
            ChangeEntry.between(Optional.of(existing), marked, at)
                    .ifPresent(entry -> record(integration, List.of(entry)));
            return true;
        }
    }

    /** Test helper: the next {@link #applyPage} throws {@code failure} before it changes anything. */
    public void failNextApply(RuntimeException failure) {
        Objects.requireNonNull(failure, "failure");
        synchronized (lock) {
            nextApplyFailure = failure;
        }
    }

    /** Test helper: every mirrored job of an integration, highest id first. */
    public List<MirroredJob> all(IntegrationId integration) {
        Objects.requireNonNull(integration, "integration");
        synchronized (lock) {
            return List.copyOf(mirror(integration).descendingMap().values());
        }
    }

    /** How many pages were applied successfully. */
    public long pagesApplied() {
        synchronized (lock) {
            return pagesApplied;
        }
    }

    private TreeMap<JobId, MirroredJob> mirror(IntegrationId integration) {
        return jobs.computeIfAbsent(integration, ignored -> new TreeMap<>(Comparator.naturalOrder()));
    }
}
