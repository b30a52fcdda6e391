package dev.fieldsync.application.write;

import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.domain.id.JobId;
import dev.fieldsync.domain.job.CancelRequest;
import dev.fieldsync.domain.job.Job;
import dev.fieldsync.domain.job.JobDraft;
import dev.fieldsync.domain.job.JobPatch;
import dev.fieldsync.domain.job.JobPatchInput;
import dev.fieldsync.domain.job.JobState;
import dev.fieldsync.domain.mirror.MirroredJob;
import dev.fieldsync.domain.validation.Validated;
import dev.fieldsync.domain.validation.Violation;
import dev.fieldsync.ports.in.write.AppendJobNote;
import dev.fieldsync.ports.in.write.CancelJob;
import dev.fieldsync.ports.in.write.UpdateJob;
import dev.fieldsync.ports.in.write.WriteOutcome;
import dev.fieldsync.ports.out.gateway.Gateway;
import dev.fieldsync.ports.out.gateway.GatewayException;
import dev.fieldsync.ports.out.store.Jobs;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Update, cancel and append-note on existing jobs. Each validates before any call, maps gateway failures to
 * {@link WriteOutcome}, and after success brings the mirror up to date so the next read (and the next
 * append) sees what we wrote without waiting for a sync pass.
 */
public final class JobEditing implements UpdateJob, CancelJob, AppendJobNote {
    private static final System.Logger LOG = System.getLogger(JobEditing.class.getName());

    private final IntegrationId integration;
    private final Gateway gateway;
    private final Jobs jobs;
    private final Clock clock;
    /** Appends are read-modify-write of the whole notes: serialize them in this process. */
    private final Object appendLock = new Object();

    public JobEditing(IntegrationId integration, Gateway gateway, Jobs jobs, Clock clock) {
        this.integration = Objects.requireNonNull(integration, "integration");
        this.gateway = Objects.requireNonNull(gateway, "gateway");
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public WriteOutcome<JobId> update(JobId job, JobPatchInput input) {
        Validated<JobPatch> validated = JobPatch.validate(input);
        if (!validated.isValid()) {
            return new WriteOutcome.Invalid<>(validated.violations());
        }
        JobPatch patch = validated.value().orElseThrow();
        try {
            gateway.updateJob(job, patch);
        } catch (GatewayException failure) {
            LOG.log(Level.INFO, "update of job {0} not done: {1}", job, failure.describe());
            return WriteOutcomes.of(failure);
        }
        jobs.find(integration, job).ifPresent(mirrored -> upsert(patch.applyTo(mirrored.job())));
        return new WriteOutcome.Done<>(job);
    }

    @Override
    public WriteOutcome<JobId> cancel(JobId job, Optional<String> reason) {
        Objects.requireNonNull(reason, "reason");
        CancelRequest request;
        try {
            request = new CancelRequest(job, reason);
        } catch (IllegalArgumentException tooLong) {
            return new WriteOutcome.Invalid<>(List.of(Violation.of("reason", "max-length", tooLong.getMessage())));
        }
        try {
            gateway.cancelJob(request);
        } catch (GatewayException failure) {
            LOG.log(Level.INFO, "cancel of job {0} not done: {1}", job, failure.describe());
            return WriteOutcomes.of(failure);
        }
        // The gateway's cancelled status id is unknown to us; the next pass confirms it.
        jobs.markProvisionalState(integration, job, JobState.CANCELLED, clock.instant());
        return new WriteOutcome.Done<>(job);
    }

    @Override
    public WriteOutcome<String> append(JobId job, String text) {
        if (text == null || text.isBlank()) {
            return new WriteOutcome.Invalid<>(
                    List.of(Violation.of("text", "required", "the note to append is empty; give the text to add")));
        }
        synchronized (appendLock) {
            Optional<MirroredJob> mirrored = jobs.find(integration, job);
            if (mirrored.isEmpty()) {
                return new WriteOutcome.Invalid<>(List.of(Violation.of(
                        "job",
                        "not-mirrored",
                        "job " + job + " is not in the local mirror, so its current notes are unknown and the "
                                + "gateway would overwrite them; run a sync pass first (fieldsync sync), then "
                                + "append again")));
            }
            String existing = mirrored.get().job().notes();
            String line =
                    "[" + DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(ChronoUnit.SECONDS)) + "] "
                            + text.strip();
            String notes = existing.isEmpty() ? line : existing + "\n" + line;
            int length = notes.codePointCount(0, notes.length());
            if (length > JobDraft.NOTES_MAX) {
                return new WriteOutcome.Invalid<>(List.of(Violation.of(
                        "notes",
                        "max-length",
                        "appending would make the notes of job " + job + " " + length + " characters; the gateway "
                                + "keeps at most " + JobDraft.NOTES_MAX + ". Shorten the note by "
                                + (length - JobDraft.NOTES_MAX) + " characters, or replace the notes with an "
                                + "update instead of appending")));
            }
            try {
                gateway.updateJob(job, notesOnly(notes));
            } catch (GatewayException failure) {
                LOG.log(Level.INFO, "note on job {0} not appended: {1}", job, failure.describe());
                return WriteOutcomes.of(failure);
            }
            upsert(mirrored.get().job().withNotes(notes));
            return new WriteOutcome.Done<>(notes);
        }
    }

    private static JobPatch notesOnly(String notes) {
        return new JobPatch(
                Optional.empty(),
                Optional.of(notes),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Map.of());
    }

    private void upsert(Job job) {
        jobs.upsert(integration, job, clock.instant());
    }
}
