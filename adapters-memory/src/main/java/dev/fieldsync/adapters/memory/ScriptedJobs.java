package dev.fieldsync.adapters.memory;

import dev.fieldsync.adapters.memory.ScriptedJobList.StoredJob;
import dev.fieldsync.domain.id.JobId;
import dev.fieldsync.domain.id.JobNumber;
import dev.fieldsync.domain.job.CustomerRef;
import dev.fieldsync.domain.job.Job;
import dev.fieldsync.domain.job.JobStatus;
import dev.fieldsync.domain.job.SiteRef;
import dev.fieldsync.ports.out.gateway.JobPage;
import dev.fieldsync.ports.out.gateway.JobQuery;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * The jobs of {@link ScriptedGateway} as the gateway's truth: each with its internal updated_at, the next id and
 * number to hand out, and the reasons given on cancels. Not thread-safe: the gateway's lock guards it.
 */
final class ScriptedJobs {
    private final Map<JobId, StoredJob> jobs = new TreeMap<>();
    private final Map<JobId, String> cancelReasons = new HashMap<>();
    private long nextJobId = 21_172_159L;
    private int nextJobNumber = 1;
    private boolean exposeExternalIds;

    void put(Job job, Instant updatedAt) {
        jobs.put(job.id(), new StoredJob(job, Objects.requireNonNull(updatedAt, "updatedAt")));
        nextJobId = Math.max(nextJobId, Long.parseLong(job.id().value()) + 1);
        parseNumber(job.number()).ifPresent(n -> nextJobNumber = Math.max(nextJobNumber, n + 1));
    }

    /** The job leaves the key's scope: no longer listed nor found. */
    Optional<StoredJob> remove(JobId id) {
        return Optional.ofNullable(jobs.remove(id));
    }

    /** A fresh id and number for a job the gateway creates. */
    JobId takeId() {
        return JobId.of(Long.toString(nextJobId++));
    }

    /** A pending job the office made itself at {@code site}, two days after {@code updatedAt}, stored at once. */
    Job newPending(String title, JobStatus pending, CustomerRef customer, SiteRef site, Instant updatedAt) {
        int number = takeNumber();
        OffsetDateTime start = OffsetDateTime.ofInstant(updatedAt.plus(Duration.ofDays(2)), ZoneOffset.UTC);
        Job job = new Job(
                takeId(),
                JobNumber.of(Integer.toString(number)),
                number,
                true,
                title,
                pending,
                Optional.of(start),
                Optional.of(start.plusHours(1)),
                customer,
                site,
                "",
                Map.of(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
        put(job, updatedAt);
        return job;
    }

    int takeNumber() {
        return nextJobNumber++;
    }

    long peekId() {
        return nextJobId;
    }

    int peekNumber() {
        return nextJobNumber;
    }

    Optional<StoredJob> stored(JobId id) {
        return Optional.ofNullable(jobs.get(Objects.requireNonNull(id, "id")));
    }

    StoredJob require(JobId id) {
        return stored(id)
                .orElseThrow(() ->
                        new IllegalArgumentException("no job " + id + " in the scripted gateway; putJob() it first"));
    }

    Job change(JobId id, UnaryOperator<Job> change, Instant updatedAt) {
        Job changed = Objects.requireNonNull(change.apply(require(id).job()), "the change returned null");
        if (!changed.id().equals(id)) {
            throw new IllegalArgumentException("a change must keep the job id " + id + ", got " + changed.id());
        }
        jobs.put(id, new StoredJob(changed, Objects.requireNonNull(updatedAt, "updatedAt")));
        return changed;
    }

    void cancelled(JobId id, Job job, Optional<String> reason, Instant at) {
        jobs.put(id, new StoredJob(job, at));
        reason.ifPresent(text -> cancelReasons.put(id, text));
    }

    List<Job> all() {
        return jobs.values().stream().map(StoredJob::job).toList();
    }

    Optional<String> cancelReason(JobId id) {
        return Optional.ofNullable(cancelReasons.get(id));
    }

    void exposeExternalIds(boolean expose) {
        exposeExternalIds = expose;
    }

    /** A page as the documented list shows it; throws IllegalArgumentException for a cursor the list never issued. */
    JobPage page(JobQuery query, Optional<String> cursor) {
        try {
            return ScriptedJobList.page(jobs.values(), query, cursor, this::listed);
        } catch (RuntimeException foreign) {
            throw new IllegalArgumentException("cursor is not valid", foreign);
        }
    }

    /** The list documents no external id, purchase order, project or job type: hidden unless asked. */
    private Job listed(Job job) {
        if (exposeExternalIds) {
            return job;
        }
        return new Job(
                job.id(),
                job.number(),
                job.seriesNumber(),
                job.primary(),
                job.title(),
                job.status(),
                job.startTime(),
                job.endTime(),
                job.customer(),
                job.site(),
                job.notes(),
                job.customFields(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
    }

    private static Optional<Integer> parseNumber(JobNumber number) {
        try {
            return Optional.of(Integer.parseInt(number.value()));
        } catch (NumberFormatException notNumeric) {
            return Optional.empty();
        }
    }
}
