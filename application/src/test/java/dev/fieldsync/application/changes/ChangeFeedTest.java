package dev.fieldsync.application.changes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fieldsync.adapters.memory.InMemoryChangeLog;
import dev.fieldsync.adapters.memory.ManualClock;
import dev.fieldsync.domain.change.Change;
import dev.fieldsync.domain.change.ChangeEntry;
import dev.fieldsync.domain.change.ChangeKind;
import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.domain.id.JobId;
import dev.fieldsync.domain.mirror.MirroredJob;
import dev.fieldsync.ports.out.store.contract.Fixtures;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ChangeFeedTest {
    private static final IntegrationId INTEGRATION = IntegrationId.of("feed");
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private final InMemoryChangeLog log = new InMemoryChangeLog();
    private final ChangeFeed feed = new ChangeFeed(log, INTEGRATION, Duration.ofMinutes(10));

    private static ChangeEntry created(long id, Instant at) {
        return ChangeEntry.created(MirroredJob.firstSeen(Fixtures.job(id), at, at), at);
    }

    @Test
    void readsAfterASequenceAndChecksItsArguments() {
        log.append(INTEGRATION, List.of(created(1, T0), created(2, T0), created(3, T0)));
        log.append(IntegrationId.of("other"), List.of(created(9, T0)));
        assertThat(feed.after(1, 10, Set.of())).extracting(Change::sequence).containsExactly(2L, 3L);
        assertThat(feed.latestSequence()).isEqualTo(3);
        assertThat(feed.size()).isEqualTo(3);
        assertThatThrownBy(() -> feed.after(0, 1001, Set.of())).hasMessageContaining("limit must be 1-1000");
        assertThatThrownBy(() -> feed.after(-1, 10, Set.of())).hasMessageContaining("after must not be negative");
    }

    @Test
    void aWaiterWakesOnTheCommitItWaitsForNotOnThePollInterval() throws Exception {
        log.append(INTEGRATION, List.of(created(1, T0)));
        CompletableFuture<List<Change>> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return feed.await(1, 10, Set.of(ChangeKind.JOB_CREATED), Duration.ofMinutes(5));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        // Another integration's change and this one's of another kind do not end the wait.
        log.append(IntegrationId.of("other"), List.of(created(5, T0)));
        log.append(
                INTEGRATION,
                List.of(ChangeEntry.changed(
                        Fixtures.job(1),
                        MirroredJob.firstSeen(Fixtures.job(1), T0, T0)
                                .changed(
                                        Fixtures.job(1).withTitle("x"),
                                        T0,
                                        java.util.Optional.empty(),
                                        java.util.Optional.empty()),
                        T0)));
        assertThat(waiting).isNotDone();
        log.append(INTEGRATION, List.of(created(2, T0)));
        List<Change> got = waiting.get(30, TimeUnit.SECONDS); // far below the 10-minute poll and 5-minute timeout
        assertThat(got).extracting(c -> c.jobId().orElseThrow()).containsExactly(JobId.of("2"));
    }

    @Test
    void aWaitWithNothingNewEndsEmptyAtItsTimeout() throws Exception {
        assertThat(feed.await(0, 10, Set.of(), Duration.ofMillis(20))).isEmpty();
        assertThat(feed.await(0, 10, Set.of(), Duration.ZERO)).isEmpty();
    }

    @Test
    void retentionPrunesWhatIsOlderThanItByTheClock() {
        ManualClock clock = new ManualClock(T0);
        ChangeRetention retention = new ChangeRetention(log, Duration.ofDays(30), clock);
        log.append(INTEGRATION, List.of(created(1, T0), created(2, T0.plus(Duration.ofDays(10)))));

        clock.advance(Duration.ofDays(30));
        assertThat(retention.prune()).as("exactly 30 days old stays").isZero();
        clock.advance(Duration.ofSeconds(1));
        assertThat(retention.prune()).isEqualTo(1);
        assertThat(feed.after(0, 10, Set.of())).extracting(Change::sequence).containsExactly(2L);
        clock.advance(Duration.ofDays(10));
        assertThat(retention.prune()).isEqualTo(1);
        assertThat(feed.size()).isZero();
        assertThat(feed.latestSequence()).isEqualTo(2);
        assertThatThrownBy(() -> new ChangeRetention(log, Duration.ZERO, clock)).hasMessageContaining("positive");
    }
}
