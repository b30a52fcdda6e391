package dev.fieldsync.application.submission;

import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.domain.id.JobId;
import dev.fieldsync.domain.job.Job;
import dev.fieldsync.domain.mirror.JobSearch;
import dev.fieldsync.domain.mirror.JobSlice;
import dev.fieldsync.domain.mirror.MirroredJob;
import dev.fieldsync.domain.submission.Submission;
import dev.fieldsync.domain.submission.SubmissionId;
import dev.fieldsync.domain.submission.SubmissionReference;
import dev.fieldsync.ports.out.store.Jobs;
import dev.fieldsync.ports.out.store.Submissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the mirror says about a submission whose create may have run: the jobs that are provably it (its reference
 * line in the notes, or its external id where the gateway lists it), and the candidates that may be it (same
 * site, first seen since the first uncertain attempt, nobody else's).
 */
final class ReconciliationEvidence {
    private final IntegrationId integration;
    private final Jobs jobs;
    private final Submissions submissions;
    private final Duration margin;

    ReconciliationEvidence(IntegrationId integration, Jobs jobs, Submissions submissions, Duration margin) {
        this.integration = integration;
        this.jobs = jobs;
        this.submissions = submissions;
        this.margin = margin;
    }

    /** Jobs that carry the submission's identity. The site never changes, so the reference is looked for there. */
    List<MirroredJob> identified(Submission submission) {
        Map<JobId, MirroredJob> found = new LinkedHashMap<>();
        all(JobSearch.builder().externalId(submission.externalId()))
                .forEach(job -> found.put(job.job().id(), job));
        all(JobSearch.builder()
                        .site(submission.draft().site())
                        .notesContain(submission.reference().line()))
                .forEach(job -> found.putIfAbsent(job.job().id(), job));
        return new ArrayList<>(found.values());
    }

    String howIdentified(Submission submission, Job job) {
        return submission.reference().isIn(job.notes())
                ? "job " + job.id() + " carries its reference "
                        + submission.reference().line() + " in its notes"
                : "job " + job.id() + " carries its external id " + submission.externalId();
    }

    /**
     * Jobs at the submission's site that may have been created by its first uncertain attempt or later, and that
     * nobody else has claimed. Two bounds rule a job out: we saw it before the attempt (same clock, ours), or a
     * pass listed it whose window ended before the attempt (less the margin, for the gateway's clock): its
     * updated_at, so its creation, lay before then (windows are closed, so this is exact up to the clock skew the
     * margin covers). A create that races the very first pass is the limit: that pass's window ends after the
     * attempt and lists the site's whole history, so those jobs stay candidates (the reference line still finds
     * the job; without it such a create goes to review, never to a second send).
     */
    List<MirroredJob> candidates(Submission submission) {
        Instant since = uncertainSince(submission);
        Instant existedBy = since.minus(margin);
        List<MirroredJob> atSite =
                all(JobSearch.builder().site(submission.draft().site()).firstSeenFrom(since)).stream()
                        .filter(job -> job.firstListedBefore().isAfter(existedBy))
                        .toList();
        if (atSite.isEmpty()) {
            return atSite;
        }
        Map<JobId, SubmissionId> owners = submissions.ownersOf(
                integration, atSite.stream().map(job -> job.job().id()).toList());
        return atSite.stream()
                .filter(job -> !claimedByAnother(submission, job.job(), owners))
                .toList();
    }

    /** The start of the first attempt whose outcome is unknown: no job of this submission can be older. */
    static Instant uncertainSince(Submission submission) {
        return submission.uncertainSince().or(submission::lastAttemptAt).orElse(submission.createdAt());
    }

    private static boolean claimedByAnother(Submission submission, Job job, Map<JobId, SubmissionId> owners) {
        SubmissionId owner = owners.get(job.id());
        if (owner != null && !owner.equals(submission.id())) {
            return true;
        }
        if (job.externalId().filter(id -> !id.equals(submission.externalId())).isPresent()) {
            return true;
        }
        return SubmissionReference.externalIdsIn(job.notes()).stream()
                .anyMatch(id -> !id.equals(submission.externalId()));
    }

    private List<MirroredJob> all(JobSearch.Builder search) {
        List<MirroredJob> found = new ArrayList<>();
        Optional<String> after = Optional.empty();
        do {
            JobSlice slice = jobs.search(
                    integration,
                    search.limit(JobSearch.MAX_LIMIT).after(after.orElse(null)).build());
            found.addAll(slice.jobs());
            after = slice.nextCursor();
        } while (after.isPresent());
        return found;
    }
}
