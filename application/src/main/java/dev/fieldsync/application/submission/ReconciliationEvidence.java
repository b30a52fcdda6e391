package dev.fieldsync.application.submission;

import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.domain.id.JobId;
import dev.fieldsync.domain.job.Job;
import dev.fieldsync.domain.submission.Submission;
import dev.fieldsync.domain.submission.SubmissionId;
import dev.fieldsync.domain.submission.SubmissionReference;
import dev.fieldsync.ports.out.store.JobSearch;
import dev.fieldsync.ports.out.store.JobSlice;
import dev.fieldsync.ports.out.store.Jobs;
import dev.fieldsync.ports.out.store.MirroredJob;
import dev.fieldsync.ports.out.store.Submissions;
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

    ReconciliationEvidence(IntegrationId integration, Jobs jobs, Submissions submissions) {
        this.integration = integration;
        this.jobs = jobs;
        this.submissions = submissions;
    }

    /** Jobs that carry the submission's identity. The site never changes, so the reference is looked for there. */
    List<MirroredJob> identified(Submission submission) {
        Map<JobId, MirroredJob> found = new LinkedHashMap<>();
        all(JobSearch.builder().externalId(submission.externalId())).forEach(job -> found.put(job.job().id(), job));
        all(JobSearch.builder().site(submission.draft().site()).notesContain(submission.reference().line()))
                .forEach(job -> found.putIfAbsent(job.job().id(), job));
        return new ArrayList<>(found.values());
    }

    String howIdentified(Submission submission, Job job) {
        return submission.reference().isIn(job.notes())
                ? "job " + job.id() + " carries its reference " + submission.reference().line() + " in its notes"
                : "job " + job.id() + " carries its external id " + submission.externalId();
    }

    /** Jobs at the submission's site first seen since its first uncertain attempt that nobody else has claimed. */
    List<MirroredJob> candidates(Submission submission) {
        // Our attempt time and the first-seen time come from the same clock (ours).
        Instant since = submission.uncertainSince().or(submission::lastAttemptAt).orElse(submission.createdAt());
        List<MirroredJob> atSite = all(JobSearch.builder().site(submission.draft().site()).firstSeenFrom(since));
        if (atSite.isEmpty()) {
            return atSite;
        }
        Map<JobId, SubmissionId> owners = submissions.ownersOf(integration,
                atSite.stream().map(job -> job.job().id()).toList());
        return atSite.stream().filter(job -> !claimedByAnother(submission, job.job(), owners)).toList();
    }

    private static boolean claimedByAnother(Submission submission, Job job, Map<JobId, SubmissionId> owners) {
        SubmissionId owner = owners.get(job.id());
        if (owner != null && !owner.equals(submission.id())) {
            return true;
        }
        if (job.externalId().filter(id -> !id.equals(submission.externalId())).isPresent()) {
            return true;
        }
        return SubmissionReference.externalIdsIn(job.notes()).stream().anyMatch(id -> !id.equals(submission.externalId()));
    }

    private List<MirroredJob> all(JobSearch.Builder search) {
        List<MirroredJob> found = new ArrayList<>();
        Optional<String> after = Optional.empty();
        do {
            JobSlice slice = jobs.search(integration, search.limit(JobSearch.MAX_LIMIT).after(after.orElse(null)).build());
            found.addAll(slice.jobs());
            after = slice.nextCursor();
        } while (after.isPresent());
        return found;
    }
}
