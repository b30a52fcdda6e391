package dev.fieldsync.adapters.memory;

import static dev.fieldsync.adapters.memory.Fixtures.ACME;
import static dev.fieldsync.adapters.memory.Fixtures.OTHER;
import static dev.fieldsync.adapters.memory.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.domain.id.JobId;
import dev.fieldsync.domain.id.JobTypeId;
import dev.fieldsync.domain.id.SiteId;
import dev.fieldsync.domain.submission.Submission;
import dev.fieldsync.domain.submission.SubmissionId;
import dev.fieldsync.domain.submission.SubmissionState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class InMemorySubmissionsTest {
    private final InMemorySubmissions outbox = new InMemorySubmissions();

    private static Submission submission(IntegrationId integration, String id, Instant at) {
        return Submission.pending(
                SubmissionId.of(id),
                integration,
                Fixtures.draft(SiteId.of("3065756"), JobTypeId.of("501"), "Job " + id, "ext-" + id, Map.of()),
                at);
    }

    @Test
    void addFindAndRefuseADuplicateId() {
        Submission s = submission(ACME, "s1", T0);
        outbox.add(s);
        assertThat(outbox.find(SubmissionId.of("s1"))).contains(s);
        assertThat(outbox.findByExternalId(ACME, "ext-s1")).contains(s);
        assertThat(outbox.findByExternalId(OTHER, "ext-s1")).isEmpty();
        assertThatThrownBy(() -> outbox.add(s))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already exists");
        assertThatThrownBy(() -> outbox.update(submission(ACME, "nope", T0)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("add() it first");
    }

    @Test
    void claimDueTakesOnlyDuePendingOnesOldestDueFirst() {
        outbox.add(submission(ACME, "late", T0.plusSeconds(10)));
        outbox.add(submission(ACME, "early", T0));
        outbox.add(submission(ACME, "future", T0.plusSeconds(100)));
        outbox.add(submission(OTHER, "theirs", T0));

        List<Submission> claimed = outbox.claimDue(ACME, T0.plusSeconds(20), 10);
        assertThat(claimed).extracting(s -> s.id().value()).containsExactly("early", "late");
        assertThat(claimed).allSatisfy(s -> {
            assertThat(s.state()).isEqualTo(SubmissionState.SENDING);
            assertThat(s.claimedAt()).contains(T0.plusSeconds(20));
            assertThat(s.attempts()).isEqualTo(1);
        });
        assertThat(outbox.find(SubmissionId.of("early")).orElseThrow().state()).isEqualTo(SubmissionState.SENDING);
        assertThat(outbox.claimDue(ACME, T0.plusSeconds(20), 10)).isEmpty();
        assertThat(outbox.claimDue(ACME, T0.plusSeconds(100), 10))
                .extracting(s -> s.id().value())
                .containsExactly("future");
        assertThat(outbox.claimDue(OTHER, T0, 1))
                .extracting(s -> s.id().value())
                .containsExactly("theirs");
    }

    @Test
    void claimDueRespectsMax() {
        for (int i = 0; i < 5; i++) {
            outbox.add(submission(ACME, "s" + i, T0.plusSeconds(i)));
        }
        assertThat(outbox.claimDue(ACME, T0.plusSeconds(60), 2))
                .extracting(s -> s.id().value())
                .containsExactly("s0", "s1");
        assertThatThrownBy(() -> outbox.claimDue(ACME, T0, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void twoConcurrentDispatchersNeverClaimTheSameSubmission() throws Exception {
        int total = 2000;
        for (int i = 0; i < total; i++) {
            outbox.add(submission(ACME, "s" + i, T0));
        }
        CountDownLatch start = new CountDownLatch(1);
        Callable<List<SubmissionId>> dispatcher = () -> {
            start.await();
            List<SubmissionId> mine = new ArrayList<>();
            List<Submission> batch;
            while (!(batch = outbox.claimDue(ACME, T0.plusSeconds(1), 7)).isEmpty()) {
                batch.forEach(s -> mine.add(s.id()));
            }
            return mine;
        };
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<List<SubmissionId>> a = pool.submit(dispatcher);
            Future<List<SubmissionId>> b = pool.submit(dispatcher);
            start.countDown();
            List<SubmissionId> claimedByA = a.get();
            List<SubmissionId> claimedByB = b.get();
            Set<SubmissionId> union = new HashSet<>(claimedByA);
            union.addAll(claimedByB);
            assertThat(claimedByA.size() + claimedByB.size()).isEqualTo(total);
            assertThat(union).hasSize(total);
            assertThat(outbox.countByState(ACME))
                    .containsEntry(SubmissionState.SENDING, (long) total)
                    .containsEntry(SubmissionState.PENDING, 0L);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void claimedBeforeFindsStaleClaims() {
        outbox.add(submission(ACME, "old", T0));
        outbox.add(submission(ACME, "fresh", T0.plusSeconds(1)));
        outbox.claimDue(ACME, T0, 1);
        outbox.claimDue(ACME, T0.plusSeconds(300), 1);
        assertThat(outbox.claimedBefore(ACME, T0.plusSeconds(120)))
                .extracting(s -> s.id().value())
                .containsExactly("old");
        assertThat(outbox.claimedBefore(ACME, T0)).isEmpty();
    }

    @Test
    void updateInStateAndCountByState() {
        Submission a = submission(ACME, "a", T0);
        Submission b = submission(ACME, "b", T0.plusSeconds(1));
        Submission c = submission(ACME, "c", T0.plusSeconds(2));
        outbox.add(a);
        outbox.add(b);
        outbox.add(c);
        outbox.update(a.claimed(T0).created(JobId.of("123"), Optional.empty(), T0.plusSeconds(5)));
        outbox.update(b.claimed(T0).outcomeUnknown("timeout", T0.plusSeconds(5)));

        assertThat(outbox.inState(ACME, SubmissionState.CREATED, 10))
                .extracting(s -> s.jobId().orElseThrow().value())
                .containsExactly("123");
        assertThat(outbox.inState(ACME, SubmissionState.OUTCOME_UNKNOWN, 10))
                .extracting(s -> s.id().value())
                .containsExactly("b");
        Map<SubmissionState, Long> counts = outbox.countByState(ACME);
        assertThat(counts)
                .containsEntry(SubmissionState.CREATED, 1L)
                .containsEntry(SubmissionState.OUTCOME_UNKNOWN, 1L)
                .containsEntry(SubmissionState.PENDING, 1L)
                .containsEntry(SubmissionState.FAILED, 0L)
                .hasSize(SubmissionState.values().length);
        assertThat(outbox.countByState(OTHER).values()).containsOnly(0L);
    }

    @Test
    void aRetriedSubmissionIsClaimedAgainOnlyWhenDue() {
        Submission s = submission(ACME, "r", T0);
        outbox.add(s);
        Submission claimed = outbox.claimDue(ACME, T0, 1).get(0);
        outbox.update(claimed.retryAt(T0.plus(Duration.ofSeconds(30)), "429", T0));
        assertThat(outbox.claimDue(ACME, T0.plusSeconds(29), 1)).isEmpty();
        assertThat(outbox.claimDue(ACME, T0.plusSeconds(30), 1))
                .extracting(Submission::attempts)
                .containsExactly(2);
    }
}
