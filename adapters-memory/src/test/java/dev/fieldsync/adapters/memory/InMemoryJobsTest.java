package dev.fieldsync.adapters.memory;

import static dev.fieldsync.adapters.memory.Fixtures.ACME;
import static dev.fieldsync.adapters.memory.Fixtures.OTHER;
import static dev.fieldsync.adapters.memory.Fixtures.START;
import static dev.fieldsync.adapters.memory.Fixtures.T0;
import static dev.fieldsync.adapters.memory.Fixtures.checkpointAfterPage;
import static dev.fieldsync.adapters.memory.Fixtures.job;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fieldsync.domain.id.CustomerId;
import dev.fieldsync.domain.id.JobId;
import dev.fieldsync.domain.id.JobNumber;
import dev.fieldsync.domain.id.SiteId;
import dev.fieldsync.domain.job.CustomerRef;
import dev.fieldsync.domain.job.Job;
import dev.fieldsync.domain.job.JobState;
import dev.fieldsync.domain.job.SiteRef;
import dev.fieldsync.domain.mirror.JobSearch;
import dev.fieldsync.domain.mirror.JobSlice;
import dev.fieldsync.domain.mirror.MirroredJob;
import dev.fieldsync.domain.sync.SyncCheckpoint;
import dev.fieldsync.ports.out.store.JobChange;
import dev.fieldsync.ports.out.store.PageApplied;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class InMemoryJobsTest {
    private final InMemorySyncCheckpoints checkpoints = new InMemorySyncCheckpoints();
    private final InMemoryJobs jobs = new InMemoryJobs(checkpoints);

    @Test
    void applyPageReportsNewChangedAndUnchangedAndSavesTheCheckpoint() {
        SyncCheckpoint first = checkpointAfterPage(ACME, "c1", 2);
        PageApplied applied =
                jobs.applyPage(ACME, List.of(job(1, "A", JobState.PENDING), job(2, "B", JobState.PENDING)), first, T0);
        assertThat(applied.newCount()).isEqualTo(2);
        assertThat(applied.unchanged()).isZero();
        assertThat(checkpoints.load(ACME)).contains(first);

        SyncCheckpoint second = checkpointAfterPage(ACME, null, 3);
        Instant later = T0.plusSeconds(60);
        PageApplied again = jobs.applyPage(
                ACME,
                List.of(job(1, "A", JobState.PENDING), job(2, "B2", JobState.PENDING), job(3, "C", JobState.SCHEDULED)),
                second,
                later);
        assertThat(again.changes())
                .extracting(JobChange::kind, change -> change.job().id().value())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(JobChange.Kind.CHANGED, "2"),
                        org.assertj.core.groups.Tuple.tuple(JobChange.Kind.NEW, "3"));
        assertThat(again.unchanged()).isEqualTo(1);
        assertThat(checkpoints.load(ACME)).contains(second);

        MirroredJob changed = jobs.find(ACME, JobId.of("2")).orElseThrow();
        assertThat(changed.job().title()).isEqualTo("B2");
        assertThat(changed.firstSeenAt()).isEqualTo(T0);
        assertThat(changed.lastChangedAt()).isEqualTo(later);
        MirroredJob unchanged = jobs.find(ACME, JobId.of("1")).orElseThrow();
        assertThat(unchanged.lastChangedAt()).isEqualTo(T0);
        assertThat(jobs.count(ACME)).isEqualTo(3);
        assertThat(jobs.pagesApplied()).isEqualTo(2);
    }

    @Test
    void reapplyingAPageReportsEveryJobUnchanged() {
        List<Job> page = List.of(job(1, "A", JobState.PENDING), job(2, "B", JobState.COMPLETED));
        jobs.applyPage(ACME, page, checkpointAfterPage(ACME, "c", 2), T0);
        PageApplied again = jobs.applyPage(ACME, page, checkpointAfterPage(ACME, "c", 2), T0.plusSeconds(5));
        assertThat(again.changes()).isEmpty();
        assertThat(again.unchanged()).isEqualTo(2);
    }

    @Test
    void aFailedApplyChangesNeitherJobsNorCheckpoint() {
        SyncCheckpoint before = checkpointAfterPage(ACME, "c1", 1);
        jobs.applyPage(ACME, List.of(job(1, "A", JobState.PENDING)), before, T0);

        jobs.failNextApply(new IllegalStateException("crash between pages"));
        assertThatThrownBy(() -> jobs.applyPage(
                        ACME,
                        List.of(job(1, "A changed", JobState.PENDING), job(2, "B", JobState.PENDING)),
                        checkpointAfterPage(ACME, "c2", 2),
                        T0.plusSeconds(1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("crash between pages");

        assertThat(jobs.all(ACME)).extracting(m -> m.job().title()).containsExactly("A");
        assertThat(checkpoints.load(ACME)).contains(before);

        // Only the next apply fails; the retry goes through.
        PageApplied retried = jobs.applyPage(
                ACME,
                List.of(job(1, "A changed", JobState.PENDING), job(2, "B", JobState.PENDING)),
                checkpointAfterPage(ACME, "c2", 2),
                T0.plusSeconds(2));
        assertThat(retried.changedCount()).isEqualTo(1);
        assertThat(retried.newCount()).isEqualTo(1);
        assertThat(checkpoints
                        .load(ACME)
                        .orElseThrow()
                        .inProgress()
                        .orElseThrow()
                        .nextCursor())
                .contains("c2");
    }

    @Test
    void refusesACheckpointOfAnotherIntegration() {
        assertThatThrownBy(() -> jobs.applyPage(
                        ACME, List.of(job(1, "A", JobState.PENDING)), checkpointAfterPage(OTHER, null, 1), T0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("belongs to integration other");
        assertThat(jobs.count(ACME)).isZero();
    }

    @Test
    void aPassClearsTheProvisionalStateAndUpsertKeepsIt() {
        jobs.applyPage(ACME, List.of(job(1, "A", JobState.PENDING)), checkpointAfterPage(ACME, null, 1), T0);
        assertThat(jobs.markProvisionalState(ACME, JobId.of("1"), JobState.SCHEDULED, T0.plusSeconds(1)))
                .isTrue();
        assertThat(jobs.markProvisionalState(ACME, JobId.of("99"), JobState.SCHEDULED, T0))
                .isFalse();
        MirroredJob provisional = jobs.find(ACME, JobId.of("1")).orElseThrow();
        assertThat(provisional.effectiveState()).isEqualTo(JobState.SCHEDULED);
        assertThat(provisional.provisionalSince()).contains(T0.plusSeconds(1));

        assertThat(jobs.upsert(ACME, job(1, "A", JobState.PENDING), T0.plusSeconds(2)))
                .isEmpty();
        assertThat(jobs.find(ACME, JobId.of("1")).orElseThrow().isProvisional()).isTrue();

        PageApplied confirmed = jobs.applyPage(
                ACME, List.of(job(1, "A", JobState.PENDING)), checkpointAfterPage(ACME, null, 1), T0.plusSeconds(3));
        assertThat(confirmed.unchanged()).isEqualTo(1);
        MirroredJob cleared = jobs.find(ACME, JobId.of("1")).orElseThrow();
        assertThat(cleared.isProvisional()).isFalse();
        assertThat(cleared.provisionalSince()).isEmpty();
        assertThat(cleared.effectiveState()).isEqualTo(JobState.PENDING);
    }

    @Test
    void upsertReportsNewChangedOrNothing() {
        assertThat(jobs.upsert(ACME, job(5, "A", JobState.PENDING), T0))
                .get()
                .extracting(JobChange::kind)
                .isEqualTo(JobChange.Kind.NEW);
        assertThat(jobs.upsert(ACME, job(5, "A", JobState.PENDING), T0)).isEmpty();
        assertThat(jobs.upsert(ACME, job(5, "A", JobState.SCHEDULED), T0.plusSeconds(9)))
                .get()
                .extracting(JobChange::kind)
                .isEqualTo(JobChange.Kind.CHANGED);
        assertThat(jobs.find(ACME, JobId.of("5")).orElseThrow().lastChangedAt()).isEqualTo(T0.plusSeconds(9));
    }

    @Test
    void integrationsAreSeparate() {
        jobs.upsert(ACME, job(1, "A", JobState.PENDING), T0);
        assertThat(jobs.find(OTHER, JobId.of("1"))).isEmpty();
        assertThat(jobs.count(OTHER)).isZero();
        assertThat(jobs.search(OTHER, JobSearch.builder().build()).jobs()).isEmpty();
    }

    @Test
    void searchPagesByIdHighestFirstWithAnOpaqueCursor() {
        // Ids of different lengths prove numeric, not lexical, order.
        LongStream.of(7, 8, 9, 10, 11, 95, 100, 1000)
                .forEach(id -> jobs.upsert(ACME, job(id, "J" + id, JobState.PENDING), T0));
        List<String> seen = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        int slices = 0;
        do {
            JobSearch.Builder search = JobSearch.builder().limit(3);
            cursor.ifPresent(search::after);
            JobSlice slice = jobs.search(ACME, search.build());
            slice.jobs().forEach(m -> seen.add(m.job().id().value()));
            cursor = slice.nextCursor();
            slices++;
        } while (cursor.isPresent());
        assertThat(seen).containsExactly("1000", "100", "95", "11", "10", "9", "8", "7");
        assertThat(slices).isEqualTo(3);
    }

    @Test
    void anExactlyFullLastSliceHasNoCursor() {
        LongStream.rangeClosed(1, 4).forEach(id -> jobs.upsert(ACME, job(id, "J", JobState.PENDING), T0));
        JobSlice slice = jobs.search(ACME, JobSearch.builder().limit(4).build());
        assertThat(slice.jobs()).hasSize(4);
        assertThat(slice.nextCursor()).isEmpty();
    }

    @Test
    void aForeignCursorIsRefusedClearly() {
        assertThatThrownBy(() -> jobs.search(
                        ACME, JobSearch.builder().after("not-a-cursor").build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nextCursor of the previous slice");
    }

    @Test
    void searchAppliesEveryFilter() {
        Job pending = job(1, "Annual SERVICE", JobState.PENDING, START);
        Job scheduled = job(2, "Repair pump", JobState.SCHEDULED, START.plusDays(1));
        Job completed = job(3, "Service again", JobState.COMPLETED, START.plusDays(2));
        Job cancelled = job(4, "Install", JobState.CANCELLED, START.plusDays(3));
        Job elsewhere = new Job(
                JobId.of("5"),
                JobNumber.of("55"),
                55,
                true,
                "Other site",
                Fixtures.status(JobState.IN_PROGRESS),
                Optional.empty(),
                Optional.empty(),
                new CustomerRef(CustomerId.of("999"), "Other"),
                new SiteRef(SiteId.of("777"), "Elsewhere"),
                "",
                java.util.Map.of(),
                Optional.of("ext-5"),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
        jobs.upsert(ACME, pending, T0);
        jobs.upsert(ACME, scheduled, T0);
        jobs.upsert(ACME, completed, T0.plusSeconds(100));
        jobs.upsert(ACME, cancelled, T0.plusSeconds(200));
        jobs.upsert(ACME, elsewhere, T0.plusSeconds(300));

        assertThat(ids(JobSearch.builder().open(true))).containsExactly("5", "2", "1");
        assertThat(ids(JobSearch.builder().open(false))).containsExactly("4", "3");
        assertThat(ids(JobSearch.builder().state(JobState.COMPLETED))).containsExactly("3");
        assertThat(ids(JobSearch.builder()
                        .status(Fixtures.status(JobState.SCHEDULED).id())))
                .containsExactly("2");
        assertThat(ids(JobSearch.builder().site(SiteId.of("777")))).containsExactly("5");
        assertThat(ids(JobSearch.builder().customer(CustomerId.of("245715")))).containsExactly("4", "3", "2", "1");
        assertThat(ids(JobSearch.builder().number(JobNumber.of("55")))).containsExactly("5");
        assertThat(ids(JobSearch.builder().externalId("ext-5"))).containsExactly("5");
        assertThat(ids(JobSearch.builder().titleContains("service"))).containsExactly("3", "1");
        // Start window: inclusive from, exclusive to; a job without a start never matches a start filter.
        assertThat(ids(JobSearch.builder().startFrom(START.plusDays(1)).startTo(START.plusDays(3))))
                .containsExactly("3", "2");
        assertThat(ids(JobSearch.builder().startFrom(START.minusYears(1)))).containsExactly("4", "3", "2", "1");
        assertThat(ids(JobSearch.builder().firstSeenFrom(T0.plusSeconds(100)))).containsExactly("5", "4", "3");
        assertThat(ids(JobSearch.builder().open(true).titleContains("pump"))).containsExactly("2");
        assertThat(ids(JobSearch.builder().open(false).titleContains("pump"))).isEmpty();
    }

    @Test
    void searchSeesTheEffectiveState() {
        jobs.upsert(ACME, job(1, "A", JobState.SCHEDULED), T0);
        jobs.markProvisionalState(ACME, JobId.of("1"), JobState.COMPLETED, T0);
        assertThat(ids(JobSearch.builder().open(false))).containsExactly("1");
        assertThat(ids(JobSearch.builder().state(JobState.SCHEDULED))).isEmpty();
    }

    @Test
    void filtersCombineWithPaging() {
        LongStream.rangeClosed(1, 20)
                .forEach(id ->
                        jobs.upsert(ACME, job(id, "J" + id, id % 2 == 0 ? JobState.PENDING : JobState.COMPLETED), T0));
        JobSlice first =
                jobs.search(ACME, JobSearch.builder().open(true).limit(4).build());
        JobSlice second = jobs.search(
                ACME,
                JobSearch.builder()
                        .open(true)
                        .limit(4)
                        .after(first.nextCursor().orElseThrow())
                        .build());
        assertThat(first.jobs()).extracting(m -> m.job().id().value()).containsExactly("20", "18", "16", "14");
        assertThat(second.jobs()).extracting(m -> m.job().id().value()).containsExactly("12", "10", "8", "6");
    }

    private List<String> ids(JobSearch.Builder search) {
        return jobs.search(ACME, search.build()).jobs().stream()
                .map(m -> m.job().id().value())
                .toList();
    }
}
