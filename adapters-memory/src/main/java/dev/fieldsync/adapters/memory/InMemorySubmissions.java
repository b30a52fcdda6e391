package dev.fieldsync.adapters.memory;

import dev.fieldsync.domain.change.ChangeEntry;
import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.domain.id.JobId;
import dev.fieldsync.domain.submission.Submission;
import dev.fieldsync.domain.submission.SubmissionId;
import dev.fieldsync.domain.submission.SubmissionState;
import dev.fieldsync.ports.out.store.ChangeLog;
import dev.fieldsync.ports.out.store.Submissions;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The submission outbox in memory. Every method holds one lock, so {@link #claimDue} is atomic: two
 * dispatchers never claim the same submission.
 */
public final class InMemorySubmissions implements Submissions {
    private static final Comparator<Submission> OLDEST_FIRST =
            Comparator.comparing(Submission::createdAt).thenComparing(s -> s.id().value());
    private static final Comparator<Submission> DUE_FIRST =
            Comparator.comparing(Submission::dueAt).thenComparing(OLDEST_FIRST);

    private final Map<SubmissionId, Submission> submissions = new LinkedHashMap<>();
    private final Optional<ChangeLog> changeLog;

    /** An outbox that writes no change log. */
    public InMemorySubmissions() {
        this.changeLog = Optional.empty();
    }

    /** An outbox that appends to {@code changeLog} each state a submission reaches, under its lock. */
    public InMemorySubmissions(ChangeLog changeLog) {
        this.changeLog = Optional.of(changeLog);
    }

    private void reached(List<Submission> reached) {
        if (!reached.isEmpty()) {
            changeLog.ifPresent(log -> log.append(
                    reached.get(0).integration(),
                    reached.stream()
                            .map(s -> ChangeEntry.submission(s, Optional.empty(), s.updatedAt()))
                            .toList()));
        }
    }

    @Override
    public synchronized void add(Submission submission) {
        Objects.requireNonNull(submission, "submission");
        if (submissions.containsKey(submission.id())) {
            throw new IllegalStateException(
                    "submission " + submission.id() + " already exists; use update() to change it");
        }
        submissions.put(submission.id(), submission);
        reached(List.of(submission));
    }

    @Override
    public synchronized Optional<Submission> find(SubmissionId id) {
        return Optional.ofNullable(submissions.get(Objects.requireNonNull(id, "id")));
    }

    @Override
    public synchronized Optional<Submission> findByExternalId(IntegrationId integration, String externalId) {
        Objects.requireNonNull(integration, "integration");
        Objects.requireNonNull(externalId, "externalId");
        return submissions.values().stream()
                .filter(s ->
                        s.integration().equals(integration) && s.externalId().equals(externalId))
                .min(OLDEST_FIRST);
    }

    @Override
    public synchronized List<Submission> claimDue(IntegrationId integration, Instant now, int max) {
        Objects.requireNonNull(integration, "integration");
        Objects.requireNonNull(now, "now");
        requirePositive(max);
        List<Submission> claimed = submissions.values().stream()
                .filter(s -> s.integration().equals(integration)
                        && s.state() == SubmissionState.PENDING
                        && !s.dueAt().isAfter(now))
                .sorted(DUE_FIRST)
                .limit(max)
                .map(s -> s.claimed(now))
                .toList();
        claimed.forEach(s -> submissions.put(s.id(), s));
        reached(claimed);
        return claimed;
    }

    @Override
    public synchronized void update(Submission submission) {
        Objects.requireNonNull(submission, "submission");
        Submission before = submissions.get(submission.id());
        if (before == null) {
            throw new IllegalStateException("submission " + submission.id() + " does not exist; add() it first");
        }
        submissions.put(submission.id(), submission);
        if (before.state() != submission.state()) {
            reached(List.of(submission));
        }
    }

    @Override
    public synchronized List<Submission> inState(IntegrationId integration, SubmissionState state, int max) {
        Objects.requireNonNull(integration, "integration");
        Objects.requireNonNull(state, "state");
        requirePositive(max);
        return submissions.values().stream()
                .filter(s -> s.integration().equals(integration) && s.state() == state)
                .sorted(OLDEST_FIRST)
                .limit(max)
                .toList();
    }

    @Override
    public synchronized List<Submission> list(
            IntegrationId integration, Set<SubmissionState> states, Optional<SubmissionId> after, int max) {
        Objects.requireNonNull(integration, "integration");
        Objects.requireNonNull(states, "states");
        Objects.requireNonNull(after, "after");
        requirePositive(max);
        Optional<Submission> start =
                after.map(submissions::get).filter(s -> s.integration().equals(integration));
        return submissions.values().stream()
                .filter(s -> s.integration().equals(integration) && states.contains(s.state()))
                .filter(s ->
                        start.map(first -> OLDEST_FIRST.compare(s, first) > 0).orElse(true))
                .sorted(OLDEST_FIRST)
                .limit(max)
                .toList();
    }

    @Override
    public synchronized Map<JobId, SubmissionId> ownersOf(IntegrationId integration, Collection<JobId> jobs) {
        Objects.requireNonNull(integration, "integration");
        Set<JobId> wanted = Set.copyOf(jobs);
        Map<JobId, SubmissionId> owners = new LinkedHashMap<>();
        submissions.values().stream()
                .filter(s -> s.integration().equals(integration))
                .sorted(OLDEST_FIRST)
                .forEach(s -> s.jobId().filter(wanted::contains).ifPresent(job -> owners.putIfAbsent(job, s.id())));
        return owners;
    }

    @Override
    public synchronized List<Submission> claimedBefore(IntegrationId integration, Instant cutoff) {
        Objects.requireNonNull(integration, "integration");
        Objects.requireNonNull(cutoff, "cutoff");
        return submissions.values().stream()
                .filter(s -> s.integration().equals(integration)
                        && s.state() == SubmissionState.SENDING
                        && s.claimedAt().filter(at -> at.isBefore(cutoff)).isPresent())
                .sorted(OLDEST_FIRST)
                .toList();
    }

    /** Every state is present in the answer, with 0 when no submission is in it. */
    @Override
    public synchronized Map<SubmissionState, Long> countByState(IntegrationId integration) {
        Objects.requireNonNull(integration, "integration");
        Map<SubmissionState, Long> counts = new EnumMap<>(SubmissionState.class);
        for (SubmissionState state : SubmissionState.values()) {
            counts.put(state, 0L);
        }
        submissions.values().stream()
                .filter(s -> s.integration().equals(integration))
                .forEach(s -> counts.merge(s.state(), 1L, Long::sum));
        return Map.copyOf(counts);
    }

    /** Test helper: every submission of an integration, oldest first. */
    public synchronized List<Submission> all(IntegrationId integration) {
        Objects.requireNonNull(integration, "integration");
        return submissions.values().stream()
                .filter(s -> s.integration().equals(integration))
                .sorted(OLDEST_FIRST)
                .toList();
    }

    private static void requirePositive(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1, got " + max);
        }
    }
}
