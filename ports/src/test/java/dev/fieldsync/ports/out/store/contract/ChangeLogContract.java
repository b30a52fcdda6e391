package dev.fieldsync.ports.out.store.contract;

import static dev.fieldsync.ports.out.store.contract.Fixtures.T0;
import static dev.fieldsync.ports.out.store.contract.Fixtures.job;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fieldsync.domain.change.Change;
import dev.fieldsync.domain.change.ChangeEntry;
import dev.fieldsync.domain.change.ChangeKind;
import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.domain.id.JobId;
import dev.fieldsync.domain.job.Job;
import dev.fieldsync.domain.job.JobState;
import dev.fieldsync.domain.mirror.MirroredJob;
import dev.fieldsync.domain.submission.Submission;
import dev.fieldsync.domain.submission.SubmissionId;
import dev.fieldsync.ports.out.store.ChangeLog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The contract of the {@link ChangeLog} port alone, run by every implementation (memory, H2, PostgreSQL): order,
 * paging, kinds, round trip of every member, pruning, concurrent appends and commit listeners.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ChangeLogContract {
    protected ChangeLog log;

    /** A fresh change log for this test class. */
    protected abstract ChangeLog openChangeLog();

    /** Releases what {@link #openChangeLog()} opened. */
    protected void closeChangeLog() {}

    @BeforeAll
    void openContract() {
        log = openChangeLog();
    }

    @AfterAll
    void closeContract() {
        closeChangeLog();
    }

    protected static ChangeEntry created(long id, Instant at) {
        return ChangeEntry.created(MirroredJob.firstSeen(job(id), at, at), at);
    }

    @Test
    void appendsContinueTheIntegrationsSequenceAndReadBackInOrderWithStableIds() {
        IntegrationId integration = Fixtures.newIntegration();
        IntegrationId other = Fixtures.newIntegration();
        assertThat(log.latestSequence(integration)).isZero();
        assertThat(log.read(integration, 0, 10, Set.of())).isEmpty();

        List<Change> first = log.append(integration, List.of(created(1, T0), created(2, T0)));
        log.append(other, List.of(created(9, T0)));
        List<Change> second = log.append(integration, List.of(created(3, T0)));

        assertThat(first).extracting(Change::sequence).containsExactly(1L, 2L);
        assertThat(second).extracting(Change::sequence).containsExactly(3L);
        assertThat(second.get(0).id()).isEqualTo("chg_" + integration.value() + "_3");
        assertThat(log.latestSequence(integration)).isEqualTo(3);
        assertThat(log.latestSequence(other)).isEqualTo(1);
        assertThat(log.count(integration)).isEqualTo(3);
        assertThat(log.read(integration, 0, 10, Set.of()))
                .extracting(change -> change.jobId().orElseThrow().value())
                .containsExactly("1", "2", "3");
        assertThat(log.append(integration, List.of())).isEmpty();
        assertThat(log.latestSequence(integration)).isEqualTo(3);
    }

    @Test
    void readPagesByKeysetAndFiltersByKind() {
        IntegrationId integration = Fixtures.newIntegration();
        List<ChangeEntry> entries = new ArrayList<>();
        for (long id = 1; id <= 7; id++) {
            entries.add(created(id, T0));
            MirroredJob mirrored = MirroredJob.firstSeen(job(id), T0, T0);
            entries.add(ChangeEntry.changed(
                    job(id),
                    mirrored.changed(job(id).withTitle("t" + id), T0, Optional.empty(), Optional.empty()),
                    T0));
        }
        log.append(integration, entries);

        List<Change> page1 = log.read(integration, 0, 5, Set.of());
        List<Change> page2 = log.read(integration, page1.get(4).sequence(), 5, Set.of());
        List<Change> page3 = log.read(integration, page2.get(4).sequence(), 5, Set.of());
        assertThat(page1).extracting(Change::sequence).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(page2).extracting(Change::sequence).containsExactly(6L, 7L, 8L, 9L, 10L);
        assertThat(page3).extracting(Change::sequence).containsExactly(11L, 12L, 13L, 14L);

        List<Change> changedOnly = log.read(integration, 3, 3, Set.of(ChangeKind.JOB_CHANGED));
        assertThat(changedOnly).extracting(Change::sequence).containsExactly(4L, 6L, 8L);
        assertThat(changedOnly)
                .allSatisfy(
                        change -> assertThat(change.entry().changedMembers()).containsExactly("title"));
        assertThat(log.read(integration, 0, 10, Set.of(ChangeKind.JOB_GONE))).isEmpty();
        assertThatThrownBy(() -> log.read(integration, 0, 0, Set.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("limit");
    }

    @Test
    void aJobsHistoryIsItsOwnChangesNewestFirstInItsIntegrationOnly() {
        IntegrationId integration = Fixtures.newIntegration();
        IntegrationId other = Fixtures.newIntegration();
        List<ChangeEntry> entries = new ArrayList<>();
        for (long id = 1; id <= 3; id++) {
            entries.add(created(id, T0));
        }
        MirroredJob two = MirroredJob.firstSeen(job(2), T0, T0);
        entries.add(ChangeEntry.changed(
                job(2), two.changed(job(2).withTitle("renamed"), T0, Optional.empty(), Optional.empty()), T0));
        log.append(integration, entries);
        log.append(other, List.of(created(2, T0)));

        List<Change> history = log.readJob(integration, JobId.of("2"), 10);
        assertThat(history).extracting(Change::sequence).containsExactly(4L, 2L);
        assertThat(history).extracting(Change::kind).containsExactly(ChangeKind.JOB_CHANGED, ChangeKind.JOB_CREATED);
        assertThat(log.readJob(integration, JobId.of("2"), 1))
                .extracting(Change::sequence)
                .containsExactly(4L);
        assertThat(log.readJob(integration, JobId.of("99"), 10)).isEmpty();
        assertThat(log.readJob(other, JobId.of("2"), 10)).hasSize(1);
        assertThatThrownBy(() -> log.readJob(integration, JobId.of("2"), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("limit");
    }

    @Test
    void everyMemberOfEveryKindRoundTrips() {
        IntegrationId integration = Fixtures.newIntegration();
        Job before = job(4);
        Job after = Fixtures.withState(before, JobState.SCHEDULED, "2").withNotes("more notes");
        MirroredJob mirrored = MirroredJob.firstSeen(before, T0, T0.minusSeconds(5))
                .changed(after, T0.plusSeconds(1), Optional.empty(), Optional.empty());
        MirroredJob provisional =
                mirrored.withProvisional(Optional.of(JobState.COMPLETED), Optional.of(T0.plusSeconds(2)));
        Submission submission =
                Submission.pending(SubmissionId.of("sub-1"), integration, Fixtures.draft("ext-77"), T0.plusSeconds(3));
        List<ChangeEntry> entries = List.of(
                created(4, T0),
                ChangeEntry.changed(before, mirrored, T0.plusSeconds(1)),
                ChangeEntry.provisional(JobState.SCHEDULED, provisional, T0.plusSeconds(2)),
                ChangeEntry.submission(submission, Optional.empty(), T0.plusSeconds(3)),
                ChangeEntry.submission(submission, Optional.of(mirrored), T0.plusSeconds(4)));

        List<Change> appended = log.append(integration, entries);
        List<Change> read = log.read(integration, 0, 10, Set.of());

        assertThat(read).isEqualTo(appended);
        assertThat(read).extracting(Change::entry).containsExactlyElementsOf(entries);
        Change stateChange = read.get(1);
        assertThat(stateChange.kind()).isEqualTo(ChangeKind.JOB_STATE_CHANGED);
        assertThat(stateChange.entry().changedMembers()).containsExactly("status", "notes");
        assertThat(stateChange.entry().from()).contains(JobState.PENDING);
        assertThat(stateChange.entry().to()).contains(JobState.SCHEDULED);
        assertThat(read.get(2).entry().to()).contains(JobState.COMPLETED);
        assertThat(read.get(3).kind()).isEqualTo(ChangeKind.SUBMISSION_PENDING);
        assertThat(read.get(3).jobId()).isEmpty();
    }

    @Test
    void pruningDropsOldChangesButNeverReusesTheirSequences() {
        IntegrationId integration = Fixtures.newIntegration();
        Instant old = T0.minusSeconds(86_400 * 40L);
        log.append(integration, List.of(created(1, old), created(2, old), created(3, T0)));

        assertThat(log.prune(T0.minusSeconds(86_400 * 30L))).isGreaterThanOrEqualTo(2);

        assertThat(log.read(integration, 0, 10, Set.of()))
                .extracting(Change::sequence)
                .containsExactly(3L);
        assertThat(log.count(integration)).isEqualTo(1);
        assertThat(log.latestSequence(integration)).isEqualTo(3);
        assertThat(log.append(integration, List.of(created(4, T0))))
                .extracting(Change::sequence)
                .containsExactly(4L);
    }

    @Test
    void concurrentAppendsGetDistinctGaplessSequencesInOneOrder() throws Exception {
        IntegrationId integration = Fixtures.newIntegration();
        int writers = 4;
        int batches = 10;
        CyclicBarrier start = new CyclicBarrier(writers);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<List<Long>>> results = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                long base = 1000L * (w + 1);
                results.add(pool.submit(() -> {
                    start.await();
                    List<Long> sequences = new ArrayList<>();
                    for (int b = 0; b < batches; b++) {
                        log.append(integration, List.of(created(base + 2 * b, T0), created(base + 2 * b + 1, T0)))
                                .forEach(change -> sequences.add(change.sequence()));
                    }
                    return sequences;
                }));
            }
            List<Long> all = new ArrayList<>();
            for (Future<List<Long>> result : results) {
                all.addAll(result.get());
            }
            Collections.sort(all);
            long total = (long) writers * batches * 2;
            assertThat(all)
                    .containsExactlyElementsOf(
                            LongStream.rangeClosed(1, total).boxed().toList());
            assertThat(log.read(integration, 0, 1000, Set.of()))
                    .extracting(Change::sequence)
                    .containsExactlyElementsOf(all);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void listenersHearOfEachAppendWithTheLatestSequence() {
        IntegrationId integration = Fixtures.newIntegration();
        List<Long> heard = Collections.synchronizedList(new ArrayList<>());
        log.onCommitted((which, latest) -> {
            if (which.equals(integration)) {
                heard.add(latest);
            }
        });
        IntStream.rangeClosed(1, 3).forEach(i -> log.append(integration, List.of(created(i, T0), created(i + 10, T0))));
        assertThat(heard).containsExactly(2L, 4L, 6L);
    }
}
