package dev.fieldsync.domain.change;

import dev.fieldsync.domain.id.JobId;
import dev.fieldsync.domain.job.Job;
import dev.fieldsync.domain.job.JobMembers;
import dev.fieldsync.domain.job.JobState;
import dev.fieldsync.domain.mirror.MirroredJob;
import dev.fieldsync.domain.submission.Submission;
import dev.fieldsync.domain.submission.SubmissionId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a change says, before the log gives it a place ({@link Change}): its kind, when it happened, the job it is
 * about (always, for the job kinds), the members that changed (the API's snake_case job member names), the state
 * before and after (state changes and provisional states), the submission (submission kinds) and the job as
 * mirrored after the change (absent for a submission whose job is not mirrored); {@code repaired}: the verification
 * sweep found this change, which no incremental pass had delivered.
 */
public record ChangeEntry(
        ChangeKind kind,
        Instant occurredAt,
        Optional<JobId> jobId,
        List<String> changedMembers,
        Optional<JobState> from,
        Optional<JobState> to,
        Optional<SubmissionId> submission,
        Optional<MirroredJob> job,
        boolean repaired) {

    public ChangeEntry {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(jobId, "jobId");
        changedMembers = List.copyOf(changedMembers);
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(submission, "submission");
        Objects.requireNonNull(job, "job");
        if (kind.isJobKind() && jobId.isEmpty()) {
            throw new IllegalArgumentException(kind.wireName() + " must name its job");
        }
        if (!kind.isJobKind() && submission.isEmpty()) {
            throw new IllegalArgumentException(kind.wireName() + " must name its submission");
        }
        if (job.isPresent() && !jobId.equals(Optional.of(job.get().job().id()))) {
            throw new IllegalArgumentException("the change's job id must be its job's id");
        }
    }

    /** A change no sweep repaired. */
    public ChangeEntry(
            ChangeKind kind,
            Instant occurredAt,
            Optional<JobId> jobId,
            List<String> changedMembers,
            Optional<JobState> from,
            Optional<JobState> to,
            Optional<SubmissionId> submission,
            Optional<MirroredJob> job) {
        this(kind, occurredAt, jobId, changedMembers, from, to, submission, job, false);
    }

    /** This change, flagged as found by the verification sweep although no incremental pass delivered it. */
    public ChangeEntry asRepaired() {
        return new ChangeEntry(kind, occurredAt, jobId, changedMembers, from, to, submission, job, true);
    }

    /** A complete sweep no longer found the job ({@code after} carries its {@code goneAt}). */
    public static ChangeEntry gone(MirroredJob after, Instant at) {
        return jobOnly(ChangeKind.JOB_GONE, after, at);
    }

    /** A job marked gone was listed again ({@code after} no longer carries a {@code goneAt}). */
    public static ChangeEntry returned(MirroredJob after, Instant at) {
        return jobOnly(ChangeKind.JOB_RETURNED, after, at);
    }

    private static ChangeEntry jobOnly(ChangeKind kind, MirroredJob after, Instant at) {
        return new ChangeEntry(
                kind,
                at,
                Optional.of(after.job().id()),
                List.of(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.of(after));
    }

    /** A job new to the mirror. */
    public static ChangeEntry created(MirroredJob after, Instant at) {
        return new ChangeEntry(
                ChangeKind.JOB_CREATED,
                at,
                Optional.of(after.job().id()),
                List.of(),
                Optional.empty(),
                Optional.of(after.job().state()),
                Optional.empty(),
                Optional.of(after));
    }

    /**
     * A mirrored job whose content went from {@code before} to {@code after}: {@link ChangeKind#JOB_STATE_CHANGED}
     * when its state moved, else {@link ChangeKind#JOB_CHANGED}; either names every member that changed.
     */
    public static ChangeEntry changed(Job before, MirroredJob after, Instant at) {
        JobState from = before.state();
        JobState to = after.job().state();
        boolean moved = from != to;
        return new ChangeEntry(
                moved ? ChangeKind.JOB_STATE_CHANGED : ChangeKind.JOB_CHANGED,
                at,
                Optional.of(after.job().id()),
                JobMembers.changed(before, after.job()),
                moved ? Optional.of(from) : Optional.empty(),
                moved ? Optional.of(to) : Optional.empty(),
                Optional.empty(),
                Optional.of(after));
    }

    /**
     * The change from {@code before} (absent: not mirrored) to {@code after}, if any: new, a content change (see
     * {@link #changed}), else a move of the state shown (a provisional state set: {@link #provisional}; cleared by
     * a pass that found the job as it was: {@link ChangeKind#JOB_STATE_CHANGED} with no members). Nothing when
     * neither content nor shown state moved.
     */
    public static Optional<ChangeEntry> between(Optional<MirroredJob> before, MirroredJob after, Instant at) {
        if (before.isEmpty()) {
            return Optional.of(created(after, at));
        }
        MirroredJob prior = before.get();
        if (!prior.fingerprint().equals(after.fingerprint())) {
            return Optional.of(changed(prior.job(), after, at));
        }
        JobState from = prior.effectiveState();
        JobState to = after.effectiveState();
        if (from == to) {
            return Optional.empty();
        }
        if (after.isProvisional()) {
            return Optional.of(provisional(from, after, at));
        }
        return Optional.of(new ChangeEntry(
                ChangeKind.JOB_STATE_CHANGED,
                at,
                Optional.of(after.job().id()),
                List.of(),
                Optional.of(from),
                Optional.of(to),
                Optional.empty(),
                Optional.of(after)));
    }

    /** A webhook's provisional state: the state shown went from {@code from} to the job's provisional one. */
    public static ChangeEntry provisional(JobState from, MirroredJob after, Instant at) {
        return new ChangeEntry(
                ChangeKind.JOB_PROVISIONAL,
                at,
                Optional.of(after.job().id()),
                List.of(),
                Optional.of(from),
                Optional.of(after.effectiveState()),
                Optional.empty(),
                Optional.of(after));
    }

    /** A submission reached its current state; {@code job} is its job as mirrored, when it is. */
    public static ChangeEntry submission(Submission submission, Optional<MirroredJob> job, Instant at) {
        return new ChangeEntry(
                ChangeKind.reached(submission.state()),
                at,
                job.map(mirrored -> mirrored.job().id()).or(submission::jobId),
                List.of(),
                Optional.empty(),
                Optional.empty(),
                Optional.of(submission.id()),
                job);
    }
}
