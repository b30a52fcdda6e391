package dev.fieldsync.ports.out.store.contract;

import static dev.fieldsync.ports.out.store.contract.Fixtures.T0;
import static dev.fieldsync.ports.out.store.contract.Fixtures.job;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fieldsync.domain.id.CustomerId;
import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.domain.id.JobId;
import dev.fieldsync.domain.id.JobNumber;
import dev.fieldsync.domain.id.SiteId;
import dev.fieldsync.domain.id.StatusId;
import dev.fieldsync.domain.job.Job;
import dev.fieldsync.domain.job.JobState;
import dev.fieldsync.domain.mirror.JobSearch;
import dev.fieldsync.domain.mirror.JobSlice;
import dev.fieldsync.domain.mirror.MirroredJob;
import dev.fieldsync.domain.submission.Submission;
import dev.fieldsync.domain.submission.SubmissionEvent;
import dev.fieldsync.domain.submission.SubmissionId;
import dev.fieldsync.domain.submission.SubmissionState;
import dev.fieldsync.domain.sync.SyncCheckpoint;
import dev.fieldsync.domain.sync.SyncWindow;
import dev.fieldsync.domain.webhook.WebhookEvent;
import dev.fieldsync.ports.out.store.ChangeLog;
import dev.fieldsync.ports.out.store.JobChange;
import dev.fieldsync.ports.out.store.Jobs;
import dev.fieldsync.ports.out.store.LookupCatalogs;
import dev.fieldsync.ports.out.store.PageApplied;
import dev.fieldsync.ports.out.store.Submissions;
import dev.fieldsync.ports.out.store.SyncCheckpoints;
import dev.fieldsync.ports.out.store.WebhookEvents;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The contract of the store ports ({@link Jobs}, {@link SyncCheckpoints}, {@link Submissions}, {@link WebhookEvents},
 * {@link LookupCatalogs}) and the change log the stores write ({@link ChangeLog}, see {@link StoreChangesContract}), in terms of the ports alone, so every implementation runs the same tests: the SQL stores
 * on H2 and PostgreSQL (adapters-persistence) and the in-memory ones (adapters-memory) extend it. Shipped as
 * the test-jar of {@code ports}, so no adapter depends on another.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class StoreContract {
    protected Jobs jobs;
    protected SyncCheckpoints checkpoints;
    protected Submissions submissions;
    protected WebhookEvents webhookEvents;
    protected LookupCatalogs lookupCatalogs;
    protected ChangeLog changeLog;

    /** The stores of one implementation, as the contract sees them. */
    public record Stores(
            Jobs jobs,
            SyncCheckpoints checkpoints,
            Submissions submissions,
            WebhookEvents webhookEvents,
            LookupCatalogs lookupCatalogs,
            ChangeLog changeLog) {}

    /** Fresh stores for this test class. */
    protected abstract Stores openStores();

    /** Releases what {@link #openStores()} opened. */
    protected void closeStores() {}

    @BeforeAll
    void openContract() {
        Stores stores = openStores();
        jobs = stores.jobs();
        checkpoints = stores.checkpoints();
        submissions = stores.submissions();
        webhookEvents = stores.webhookEvents();
        lookupCatalogs = stores.lookupCatalogs();
        changeLog = stores.changeLog();
    }

    @AfterAll
    void closeContract() {
        closeStores();
    }

    protected static SyncCheckpoint checkpointAfter(IntegrationId integration, int pages, String cursor) {
        SyncCheckpoint started =
                SyncCheckpoint.initial(integration).startPass(new SyncWindow(T0.minusSeconds(3600), T0), T0);
        SyncCheckpoint checkpoint = started;
        for (int i = 0; i < pages; i++) {
            checkpoint = checkpoint.afterPage(Optional.of(cursor + i), 100);
        }
        return checkpoint;
    }

    protected static List<Job> jobs(long from, long to) {
        return LongStream.rangeClosed(from, to).mapToObj(Fixtures::job).toList();
    }

    protected static Submission pending(IntegrationId integration, String externalId, Instant at) {
        return Submission.pending(SubmissionId.random(), integration, Fixtures.draft(externalId), at);
    }

    @Test
    void applyPageReportsNewChangedAndUnchangedAndRoundTripsEveryMember() {
        IntegrationId integration = Fixtures.newIntegration();
        PageApplied first = jobs.applyPage(integration, jobs(1, 5), checkpointAfter(integration, 1, "c"), T0);
        assertThat(first.newCount()).isEqualTo(5);
        assertThat(first.unchanged()).isZero();

        Job retitled = new Job(
                job(2).id(),
                job(2).number(),
                1,
                true,
                "Repair pump 2 (urgent)",
                job(2).status(),
                job(2).startTime(),
                job(2).endTime(),
                job(2).customer(),
                job(2).site(),
                job(2).notes(),
                job(2).customFields(),
                job(2).externalId(),
                job(2).purchaseOrderNumber(),
                job(2).project(),
                job(2).jobType());
        Instant later = T0.plusSeconds(60);
        PageApplied second = jobs.applyPage(
                integration, List.of(job(1), retitled, job(6)), checkpointAfter(integration, 2, "c"), later);
        assertThat(second.changes())
                .extracting(JobChange::kind, change -> change.job().id().value())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(JobChange.Kind.CHANGED, "2"),
                        org.assertj.core.groups.Tuple.tuple(JobChange.Kind.NEW, "6"));
        assertThat(second.unchanged()).isEqualTo(1);

        MirroredJob stored = jobs.find(integration, JobId.of("2")).orElseThrow();
        assertThat(stored.job()).isEqualTo(retitled);
        assertThat(stored.fingerprint()).isEqualTo(retitled.fingerprint());
        assertThat(stored.firstSeenAt()).isEqualTo(T0);
        assertThat(stored.lastChangedAt()).isEqualTo(later);
        assertThat(jobs.find(integration, JobId.of("1")).orElseThrow().lastChangedAt())
                .isEqualTo(T0);
        assertThat(jobs.find(integration, JobId.of("1")).orElseThrow().job()).isEqualTo(job(1));
        assertThat(jobs.count(integration)).isEqualTo(6);
        assertThat(checkpoints.load(integration)).contains(checkpointAfter(integration, 2, "c"));
        assertThat(jobs.count(Fixtures.newIntegration())).isZero();
    }

    @Test
    void aLargeMixedPageReportsEachJobExactlyAndClearsOnlyWhatItShould() {
        // 1,200 jobs span more than one upsert statement on PostgreSQL (500 rows each).
        IntegrationId integration = Fixtures.newIntegration();
        jobs.applyPage(integration, jobs(1, 600), checkpointAfter(integration, 1, "m"), T0);
        jobs.markProvisionalState(integration, JobId.of("3"), JobState.CANCELLED, T0.plusSeconds(1)); // will change
        jobs.markProvisionalState(
                integration, JobId.of("450"), JobState.CANCELLED, T0.plusSeconds(1)); // stays unchanged
        MirroredJob unchangedBefore = jobs.find(integration, JobId.of("450")).orElseThrow();

        List<Job> page = new ArrayList<>();
        for (long id = 1; id <= 1200; id++) {
            page.add(id <= 200 ? job(id).withNotes("revisited " + id) : job(id));
        }
        page.add(job(7).withNotes("revisited 7")); // a repeated id: the last occurrence counts, reported once
        Instant later = T0.plusSeconds(120);
        PageApplied applied = jobs.applyPage(integration, page, checkpointAfter(integration, 2, "m"), later);

        assertThat(applied.changes())
                .extracting(change -> change.job().id().value())
                .containsExactlyElementsOf(
                        LongStream.concat(LongStream.rangeClosed(1, 200), LongStream.rangeClosed(601, 1200))
                                .mapToObj(Long::toString)
                                .toList());
        assertThat(applied.changes())
                .filteredOn(change -> change.kind() == JobChange.Kind.CHANGED)
                .extracting(change -> change.job().id().value())
                .containsExactlyElementsOf(
                        LongStream.rangeClosed(1, 200).mapToObj(Long::toString).toList());
        assertThat(applied.newCount()).isEqualTo(600);
        assertThat(applied.unchanged()).isEqualTo(page.size() - 800);
        assertThat(jobs.count(integration)).isEqualTo(1200);

        MirroredJob changed = jobs.find(integration, JobId.of("3")).orElseThrow();
        assertThat(changed.job().notes()).isEqualTo("revisited 3");
        assertThat(changed.isProvisional()).isFalse();
        assertThat(changed.firstSeenAt()).isEqualTo(T0);
        assertThat(changed.lastChangedAt()).isEqualTo(later);
        MirroredJob confirmed = jobs.find(integration, JobId.of("450")).orElseThrow();
        assertThat(confirmed.isProvisional()).isFalse();
        assertThat(confirmed.effectiveState()).isEqualTo(JobState.PENDING);
        assertThat(confirmed.lastChangedAt()).isEqualTo(unchangedBefore.lastChangedAt());
        assertThat(confirmed.job()).isEqualTo(unchangedBefore.job());
        assertThat(jobs.find(integration, JobId.of("1000")).orElseThrow().firstSeenAt())
                .isEqualTo(later);
        assertThat(checkpoints.load(integration)).contains(checkpointAfter(integration, 2, "m"));

        PageApplied again =
                jobs.applyPage(integration, page, checkpointAfter(integration, 3, "m"), later.plusSeconds(1));
        assertThat(again.changes()).isEmpty();
        assertThat(again.unchanged()).isEqualTo(page.size());
    }

    @Test
    void reApplyingAPageChangesNothingAndReportsEveryJobUnchanged() {
        IntegrationId integration = Fixtures.newIntegration();
        List<Job> page = jobs(1, 100);
        SyncCheckpoint checkpoint = checkpointAfter(integration, 1, "x");
        jobs.applyPage(integration, page, checkpoint, T0);
        List<MirroredJob> before = all(integration);

        PageApplied again = jobs.applyPage(integration, page, checkpoint, T0.plusSeconds(300));

        assertThat(again.changes()).isEmpty();
        assertThat(again.unchanged()).isEqualTo(100);
        assertThat(all(integration)).isEqualTo(before);
        assertThat(checkpoints.load(integration)).contains(checkpoint);
    }

    @Test
    void applyPageRefusesACheckpointOfAnotherIntegration() {
        IntegrationId integration = Fixtures.newIntegration();
        assertThatThrownBy(() ->
                        jobs.applyPage(integration, jobs(1, 2), checkpointAfter(Fixtures.newIntegration(), 1, "z"), T0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("same integration");
        assertThat(jobs.count(integration)).isZero();
    }

    protected List<MirroredJob> all(IntegrationId integration) {
        List<MirroredJob> found = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        do {
            JobSlice slice = jobs.search(
                    integration,
                    JobSearch.builder()
                            .limit(JobSearch.MAX_LIMIT)
                            .after(cursor.orElse(null))
                            .build());
            found.addAll(slice.jobs());
            cursor = slice.nextCursor();
        } while (cursor.isPresent());
        return found;
    }

    protected List<String> ids(IntegrationId integration, JobSearch.Builder search) {
        return jobs.search(integration, search.limit(JobSearch.MAX_LIMIT).build()).jobs().stream()
                .map(job -> job.job().id().value())
                .toList();
    }

    @Test
    void searchPagesByJobIdNumericallyHighestFirst() {
        IntegrationId integration = Fixtures.newIntegration();
        jobs.applyPage(
                integration,
                List.of(job(9), job(10), job(100), job(11), job(2)),
                checkpointAfter(integration, 1, "p"),
                T0);

        JobSlice first = jobs.search(integration, JobSearch.builder().limit(2).build());
        assertThat(first.jobs()).extracting(j -> j.job().id().value()).containsExactly("100", "11");
        JobSlice second = jobs.search(
                integration,
                JobSearch.builder()
                        .limit(2)
                        .after(first.nextCursor().orElseThrow())
                        .build());
        assertThat(second.jobs()).extracting(j -> j.job().id().value()).containsExactly("10", "9");
        JobSlice third = jobs.search(
                integration,
                JobSearch.builder()
                        .limit(2)
                        .after(second.nextCursor().orElseThrow())
                        .build());
        assertThat(third.jobs()).extracting(j -> j.job().id().value()).containsExactly("2");
        assertThat(third.nextCursor()).isEmpty();

        assertThatThrownBy(() -> jobs.search(
                        integration, JobSearch.builder().after("not-a-cursor").build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("omit 'after'");
    }

    @Test
    void searchFiltersOnEveryCriterion() {
        IntegrationId integration = Fixtures.newIntegration();
        List<Job> page = new ArrayList<>(jobs(1, 6));
        page.set(2, Fixtures.withState(job(3), JobState.COMPLETED, "5"));
        Job odd = job(6);
        page.set(
                5,
                new Job(
                        odd.id(),
                        JobNumber.of("SPECIAL"),
                        1,
                        true,
                        "Boiler 50%_OFF check",
                        odd.status(),
                        Optional.empty(),
                        Optional.empty(),
                        odd.customer(),
                        odd.site(),
                        "",
                        Map.of(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty()));
        jobs.applyPage(integration, page, checkpointAfter(integration, 1, "f"), T0);
        jobs.applyPage(integration, jobs(7, 7), checkpointAfter(integration, 2, "f"), T0.plusSeconds(600));

        assertThat(ids(integration, JobSearch.builder().state(JobState.COMPLETED)))
                .containsExactly("3");
        assertThat(ids(integration, JobSearch.builder().open(false))).containsExactly("3");
        assertThat(ids(integration, JobSearch.builder().open(true))).containsExactly("7", "6", "5", "4", "2", "1");
        assertThat(ids(integration, JobSearch.builder().status(StatusId.of("5"))))
                .containsExactly("3");
        assertThat(ids(integration, JobSearch.builder().site(SiteId.of("101")))).containsExactly("7", "4", "1");
        assertThat(ids(integration, JobSearch.builder().customer(CustomerId.of("200"))))
                .containsExactly("6", "4", "2");
        assertThat(ids(integration, JobSearch.builder().number(JobNumber.of("SPECIAL"))))
                .containsExactly("6");
        assertThat(ids(integration, JobSearch.builder().externalId("ext-4"))).containsExactly("4");
        // job n starts at 2025-03-01T07:00Z + n hours
        assertThat(ids(
                        integration,
                        JobSearch.builder()
                                .startFrom(OffsetDateTime.of(2025, 3, 1, 9, 0, 0, 0, ZoneOffset.UTC))
                                .startTo(OffsetDateTime.of(2025, 3, 1, 12, 0, 0, 0, ZoneOffset.ofHours(1)))))
                .containsExactly("3", "2");
        assertThat(ids(integration, JobSearch.builder().titleContains("PUMP 1")))
                .containsExactly("1");
        assertThat(ids(integration, JobSearch.builder().titleContains("50%_off")))
                .containsExactly("6");
        assertThat(ids(integration, JobSearch.builder().titleContains("0%"))).containsExactly("6");
        assertThat(ids(integration, JobSearch.builder().titleContains("%"))).containsExactly("6");
        assertThat(ids(integration, JobSearch.builder().firstSeenFrom(T0.plusSeconds(1))))
                .containsExactly("7");
        assertThat(ids(
                        integration,
                        JobSearch.builder().site(SiteId.of("101")).open(true).customer(CustomerId.of("201"))))
                .containsExactly("7", "1");
    }

    @Test
    void provisionalStateShowsUntilTheNextPageAndDrivesStateFilters() {
        IntegrationId integration = Fixtures.newIntegration();
        jobs.applyPage(integration, jobs(1, 3), checkpointAfter(integration, 1, "w"), T0);

        assertThat(jobs.markProvisionalState(integration, JobId.of("2"), JobState.CANCELLED, T0.plusSeconds(5)))
                .isTrue();
        assertThat(jobs.markProvisionalState(integration, JobId.of("99"), JobState.CANCELLED, T0))
                .isFalse();

        MirroredJob marked = jobs.find(integration, JobId.of("2")).orElseThrow();
        assertThat(marked.effectiveState()).isEqualTo(JobState.CANCELLED);
        assertThat(marked.provisionalSince()).contains(T0.plusSeconds(5));
        assertThat(marked.job().state()).isEqualTo(JobState.PENDING);
        assertThat(ids(integration, JobSearch.builder().state(JobState.CANCELLED)))
                .containsExactly("2");
        assertThat(ids(integration, JobSearch.builder().open(true))).containsExactly("3", "1");

        PageApplied confirmed =
                jobs.applyPage(integration, jobs(1, 3), checkpointAfter(integration, 2, "w"), T0.plusSeconds(9));
        assertThat(confirmed.unchanged()).isEqualTo(3);
        MirroredJob cleared = jobs.find(integration, JobId.of("2")).orElseThrow();
        assertThat(cleared.isProvisional()).isFalse();
        assertThat(cleared.effectiveState()).isEqualTo(JobState.PENDING);
        assertThat(ids(integration, JobSearch.builder().open(true))).containsExactly("3", "2", "1");
    }

    @Test
    void upsertOutsideAPassReportsTheChangeOnce() {
        IntegrationId integration = Fixtures.newIntegration();
        assertThat(jobs.upsert(integration, job(5), T0)).map(JobChange::kind).contains(JobChange.Kind.NEW);
        assertThat(jobs.upsert(integration, job(5), T0)).isEmpty();
        Job noted = job(5).withNotes("called the customer");
        assertThat(jobs.upsert(integration, noted, T0.plusSeconds(1)))
                .map(JobChange::kind)
                .contains(JobChange.Kind.CHANGED);
        assertThat(jobs.find(integration, JobId.of("5")).orElseThrow().job()).isEqualTo(noted);
        assertThat(checkpoints.load(integration)).isEmpty();
    }

    // ---- checkpoints ----------------------------------------------------------------------------------------

    @Test
    void checkpointsRoundTripThroughAPass() {
        IntegrationId integration = Fixtures.newIntegration();
        assertThat(checkpoints.load(integration)).isEmpty();
        SyncCheckpoint started =
                SyncCheckpoint.initial(integration).startPass(new SyncWindow(T0, T0.plusSeconds(90)), T0);
        checkpoints.save(started);
        assertThat(checkpoints.load(integration)).contains(started);
        SyncCheckpoint lastPage = started.afterPage(Optional.empty(), 42);
        checkpoints.save(lastPage);
        assertThat(checkpoints.load(integration)).contains(lastPage);
        SyncCheckpoint done = lastPage.completePass();
        checkpoints.save(done);
        assertThat(checkpoints.load(integration)).contains(done);
        assertThat(done.lastCompletedTo()).contains(T0.plusSeconds(90));
    }

    // ---- lookup catalogs ------------------------------------------------------------------------------------

    @Test
    void submissionsKeepEveryStateChange() {
        IntegrationId integration = Fixtures.newIntegration();
        Submission submission = pending(integration, "order-1", T0);
        submissions.add(submission);
        assertThat(submissions.find(submission.id())).contains(submission);
        assertThat(submissions.findByExternalId(integration, "order-1")).contains(submission);
        assertThat(submissions.findByExternalId(integration, "order-2")).isEmpty();
        assertThatThrownBy(() -> submissions.add(submission))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already exists");

        List<Submission> claimed = submissions.claimDue(integration, T0.plusSeconds(1), 10);
        assertThat(claimed).containsExactly(submission.claimed(T0.plusSeconds(1)));
        assertThat(submissions.find(submission.id())).contains(submission.claimed(T0.plusSeconds(1)));
        assertThat(submissions.claimedBefore(integration, T0.plusSeconds(2))).containsExactly(claimed.get(0));
        assertThat(submissions.claimedBefore(integration, T0)).isEmpty();

        Submission unknown = claimed.get(0).outcomeUnknown("timeout after sending", T0.plusSeconds(3));
        submissions.update(unknown);
        assertThat(submissions.inState(integration, SubmissionState.OUTCOME_UNKNOWN, 10))
                .containsExactly(unknown);
        Submission created = unknown.created(JobId.of("777"), Optional.of(JobNumber.of("N-777")), T0.plusSeconds(4));
        submissions.update(created);
        assertThat(submissions.find(submission.id())).contains(created);
        assertThat(submissions.countByState(integration))
                .containsEntry(SubmissionState.CREATED, 1L)
                .containsEntry(SubmissionState.PENDING, 0L);
        assertThatThrownBy(() -> submissions.update(pending(integration, "ghost", T0)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("add() it first");
    }

    @Test
    void reviewCandidatesHistoryAndOwnersRoundTripAndListPagesByState() {
        IntegrationId integration = Fixtures.newIntegration();
        Submission first = pending(integration, "review-1", T0);
        Submission second = pending(integration, "review-2", T0.plusSeconds(1));
        Submission third = pending(integration, "review-3", T0.plusSeconds(2));
        List.of(first, second, third).forEach(submissions::add);
        Submission review = first.claimed(T0.plusSeconds(5))
                .outcomeUnknown("dropped connection", T0.plusSeconds(6))
                .needsReview(List.of(JobId.of("901"), JobId.of("902")), "two candidates", T0.plusSeconds(60));
        submissions.update(review);
        Submission alsoReview = second.claimed(T0.plusSeconds(5))
                .outcomeUnknown("500", T0.plusSeconds(6))
                .needsReview(List.of(JobId.of("903")), "renamed", T0.plusSeconds(61));
        submissions.update(alsoReview);

        Submission stored = submissions.find(review.id()).orElseThrow();
        assertThat(stored).isEqualTo(review);
        assertThat(stored.candidates()).containsExactly(JobId.of("901"), JobId.of("902"));
        assertThat(stored.uncertainSince()).contains(T0.plusSeconds(5));
        assertThat(stored.history())
                .extracting(SubmissionEvent::kind)
                .containsExactly(SubmissionEvent.Kind.OUTCOME_UNKNOWN, SubmissionEvent.Kind.NEEDS_REVIEW);

        Set<SubmissionState> queue = Set.of(SubmissionState.NEEDS_REVIEW);
        assertThat(submissions.list(integration, queue, Optional.empty(), 1)).containsExactly(review);
        assertThat(submissions.list(integration, queue, Optional.of(review.id()), 10))
                .containsExactly(alsoReview);
        assertThat(submissions.list(integration, queue, Optional.of(alsoReview.id()), 10))
                .isEmpty();
        assertThat(submissions.list(
                        integration,
                        Set.of(SubmissionState.PENDING, SubmissionState.NEEDS_REVIEW),
                        Optional.empty(),
                        10))
                .extracting(Submission::externalId)
                .containsExactly("review-1", "review-2", "review-3");
        assertThat(submissions.list(integration, Set.of(), Optional.empty(), 10))
                .isEmpty();

        Submission confirmed = alsoReview.confirmed(
                JobId.of("903"),
                Optional.of(JobNumber.of("N-903")),
                Optional.of("alice"),
                "confirmed as job 903",
                T0.plusSeconds(90));
        submissions.update(confirmed);
        assertThat(submissions.find(alsoReview.id())).contains(confirmed);
        assertThat(confirmed.history())
                .last()
                .extracting(SubmissionEvent::actor)
                .isEqualTo(Optional.of("alice"));
        submissions.update(
                third.claimed(T0.plusSeconds(5)).created(JobId.of("904"), Optional.empty(), T0.plusSeconds(7)));
        assertThat(submissions.ownersOf(integration, List.of(JobId.of("904"), JobId.of("901"), JobId.of("903"))))
                .containsOnly(Map.entry(JobId.of("904"), third.id()), Map.entry(JobId.of("903"), second.id()));
        assertThat(submissions.ownersOf(Fixtures.newIntegration(), List.of(JobId.of("904"))))
                .isEmpty();
        assertThat(submissions.ownersOf(integration, List.of())).isEmpty();
        assertThat(submissions.countByState(integration))
                .containsEntry(SubmissionState.NEEDS_REVIEW, 1L)
                .containsEntry(SubmissionState.CREATED, 2L)
                .containsEntry(SubmissionState.ABANDONED, 0L);
    }

    @Test
    void aJobRemembersTheEndOfTheWindowThatFirstListedItAndKeepsIt() {
        IntegrationId integration = Fixtures.newIntegration();
        // The window ends at T0; the page is applied ten minutes later: the jobs existed before T0.
        jobs.applyPage(integration, jobs(1, 2), checkpointAfter(integration, 1, "f"), T0.plusSeconds(600));
        assertThat(jobs.find(integration, JobId.of("1")).orElseThrow().firstListedBefore())
                .isEqualTo(T0);
        assertThat(jobs.find(integration, JobId.of("1")).orElseThrow().firstSeenAt())
                .isEqualTo(T0.plusSeconds(600));
        jobs.applyPage(
                integration,
                List.of(job(1).withTitle("changed later")),
                checkpointAfter(integration, 2, "f"),
                T0.plusSeconds(900));
        assertThat(jobs.find(integration, JobId.of("1")).orElseThrow().firstListedBefore())
                .isEqualTo(T0);
        jobs.upsert(integration, job(3), T0.plusSeconds(1200));
        assertThat(jobs.find(integration, JobId.of("3")).orElseThrow().firstListedBefore())
                .isEqualTo(T0.plusSeconds(1200));
    }

    @Test
    void searchFindsNotesThatContainATextExactly() {
        IntegrationId integration = Fixtures.newIntegration();
        List<Job> page = new ArrayList<>(jobs(1, 3));
        page.set(0, page.get(0).withNotes("Gate code 4411\n[fieldsync:ext-1]"));
        page.set(1, page.get(1).withNotes("[fieldsync:ext-10] 100% sure"));
        page.set(2, page.get(2).withNotes("[FIELDSYNC:EXT-1]"));
        jobs.applyPage(integration, page, checkpointAfter(integration, 1, "f"), T0);

        assertThat(ids(integration, JobSearch.builder().notesContain("[fieldsync:ext-1]")))
                .containsExactly("1");
        assertThat(ids(integration, JobSearch.builder().notesContain("[fieldsync:ext-1")))
                .containsExactly("2", "1");
        assertThat(ids(integration, JobSearch.builder().notesContain("0% sure")))
                .containsExactly("2");
        assertThat(ids(integration, JobSearch.builder().notesContain("_"))).isEmpty();
    }

    @Test
    void claimDueTakesOnlyDueSubmissionsEarliestFirst() {
        IntegrationId integration = Fixtures.newIntegration();
        Submission later = pending(integration, "later", T0.plusSeconds(100));
        Submission early = pending(integration, "early", T0);
        submissions.add(later);
        submissions.add(early);
        assertThat(submissions.claimDue(integration, T0.plusSeconds(50), 10))
                .extracting(Submission::externalId)
                .containsExactly("early");
        assertThat(submissions.claimDue(integration, T0.plusSeconds(50), 10)).isEmpty();
        assertThat(submissions.claimDue(integration, T0.plusSeconds(200), 10))
                .extracting(Submission::externalId)
                .containsExactly("later");
    }

    @Test
    void twoThreadsClaimingSubmissionsNeverGetTheSameRow() throws Exception {
        IntegrationId integration = Fixtures.newIntegration();
        int total = 120;
        for (int i = 0; i < total; i++) {
            submissions.add(pending(integration, "bulk-" + i, T0.plusMillis(i)));
        }
        int threads = 2;
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<SubmissionId>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Callable<List<SubmissionId>> claimer = () -> {
                    start.await();
                    List<SubmissionId> mine = new ArrayList<>();
                    while (true) {
                        List<Submission> batch = submissions.claimDue(integration, T0.plusSeconds(10), 3);
                        if (batch.isEmpty()) {
                            return mine;
                        }
                        batch.forEach(s -> mine.add(s.id()));
                    }
                };
                results.add(pool.submit(claimer));
            }
            List<SubmissionId> all = new ArrayList<>();
            for (Future<List<SubmissionId>> result : results) {
                all.addAll(result.get());
            }
            Set<SubmissionId> distinct = new HashSet<>(all);
            assertThat(all).hasSize(total);
            assertThat(distinct).hasSize(total);
            assertThat(submissions.countByState(integration)).containsEntry(SubmissionState.SENDING, (long) total);
            assertThat(submissions.inState(integration, SubmissionState.SENDING, 500))
                    .allSatisfy(s -> assertThat(s.attempts()).isEqualTo(1));
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- webhook events -------------------------------------------------------------------------------------

    protected static WebhookEvent event(IntegrationId integration, String id, Instant occurredAt) {
        return new WebhookEvent(
                integration,
                id,
                WebhookEvent.JOB_STATUS_CHANGED,
                occurredAt,
                Optional.of(JobId.of("12")),
                Optional.of("completed"),
                Optional.of("in_progress"),
                occurredAt.plusSeconds(1),
                "{\"id\":\"" + id + "\"}");
    }

    @Test
    void webhookEventsAreDedupedDurablyAndTrackedThroughProcessing() {
        IntegrationId integration = Fixtures.newIntegration();
        WebhookEvent second = event(integration, "evt-2", T0.plusSeconds(10));
        WebhookEvent first = event(integration, "evt-1", T0);
        WebhookEvent third = event(integration, "evt-3", T0.plusSeconds(20));
        assertThat(webhookEvents.accept(second)).isTrue();
        assertThat(webhookEvents.accept(first)).isTrue();
        assertThat(webhookEvents.accept(third)).isTrue();
        assertThat(webhookEvents.accept(event(integration, "evt-1", T0.plusSeconds(99))))
                .isFalse();
        assertThat(webhookEvents.accept(event(Fixtures.newIntegration(), "evt-1", T0)))
                .isTrue();

        assertThat(webhookEvents.unprocessed(integration, 10)).containsExactly(first, second, third);
        assertThat(webhookEvents.unprocessed(integration, 2)).containsExactly(first, second);

        webhookEvents.markProcessed(integration, "evt-1", T0.plusSeconds(30));
        webhookEvents.markFailed(integration, "evt-2", "job 12 is not mirrored", T0.plusSeconds(31));
        assertThat(webhookEvents.unprocessed(integration, 10)).containsExactly(third);
        assertThatThrownBy(() -> webhookEvents.markProcessed(integration, "evt-404", T0))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("accept() it first");
    }

    // ---- throughput (a sanity figure, not a benchmark) --------------------------------------------------------

    @Test
    void tenThousandJobsApplyInPagesOfOneHundred() {
        IntegrationId integration = Fixtures.newIntegration();
        long started = System.nanoTime();
        for (int page = 0; page < 100; page++) {
            jobs.applyPage(
                    integration,
                    jobs(page * 100L + 1, page * 100L + 100),
                    checkpointAfter(integration, 1, "perf" + page),
                    T0);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(jobs.count(integration)).isEqualTo(10_000);
        System.out.printf(
                "%s: 10,000 new jobs in %d ms (%.0f jobs/s)%n",
                getClass().getSimpleName(), took.toMillis(), 10_000 / (took.toNanos() / 1e9));
        long again = System.nanoTime();
        for (int page = 0; page < 100; page++) {
            PageApplied applied = jobs.applyPage(
                    integration,
                    jobs(page * 100L + 1, page * 100L + 100),
                    checkpointAfter(integration, 1, "perf" + page),
                    T0);
            assertThat(applied.unchanged()).isEqualTo(100);
        }
        System.out.printf(
                "%s: 10,000 unchanged jobs in %d ms%n",
                getClass().getSimpleName(),
                Duration.ofNanos(System.nanoTime() - again).toMillis());
    }
}
