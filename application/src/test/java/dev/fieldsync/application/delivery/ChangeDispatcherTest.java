package dev.fieldsync.application.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fieldsync.adapters.memory.InMemoryChangeLog;
import dev.fieldsync.adapters.memory.InMemoryConsumerCursors;
import dev.fieldsync.adapters.memory.InMemoryDeliveryLog;
import dev.fieldsync.adapters.memory.ManualClock;
import dev.fieldsync.adapters.memory.RecordingChangeSink;
import dev.fieldsync.application.delivery.ChangeDispatcher.Outcome;
import dev.fieldsync.domain.change.ChangeEntry;
import dev.fieldsync.domain.change.ChangeKind;
import dev.fieldsync.domain.delivery.DeliveryPolicy;
import dev.fieldsync.domain.delivery.RetrySchedule;
import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.domain.mirror.MirroredJob;
import dev.fieldsync.ports.out.delivery.Delivery;
import dev.fieldsync.ports.out.delivery.DeliveryLog;
import dev.fieldsync.ports.out.store.contract.Fixtures;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The dispatcher on the in-memory log, state and sink, on virtual time. */
class ChangeDispatcherTest {
    private static final Instant T0 = Instant.parse("2026-07-01T08:00:00Z");
    private static final DeliveryPolicy POLICY =
            new DeliveryPolicy(RetrySchedule.parse("10s,1m,5m"), Duration.ofHours(1));

    private final IntegrationId integration = Fixtures.newIntegration();
    private final ManualClock clock = new ManualClock(T0);
    private final InMemoryChangeLog log = new InMemoryChangeLog();
    private final InMemoryConsumerCursors cursors = new InMemoryConsumerCursors();
    private final InMemoryDeliveryLog deliveryLog = new InMemoryDeliveryLog();
    private final RecordingChangeSink sink = new RecordingChangeSink();
    private final ChangeDeliveries deliveries =
            new ChangeDeliveries(integration, change -> "{\"id\":\"" + change.id() + "\"}", deliveryLog, clock);
    private final ChangeConsumer consumer = new ChangeConsumer("erp", Set.of(), sink, POLICY, 3);

    private ChangeDispatcher dispatcher() {
        return new ChangeDispatcher(integration, log, cursors, deliveryLog, deliveries, clock);
    }

    private ChangeReplay replay() {
        return new ChangeReplay(integration, log, cursors, deliveryLog, deliveries);
    }

    private void appendJobs(long from, long to) {
        log.append(
                integration,
                LongStream.rangeClosed(from, to)
                        .mapToObj(id -> ChangeEntry.created(MirroredJob.firstSeen(Fixtures.job(id), T0, T0), T0))
                        .toList());
    }

    private List<Long> receivedSequences() {
        return sink.received().stream().map(Delivery::sequence).toList();
    }

    private void drain(ChangeDispatcher dispatcher) {
        for (int i = 0; i < 100 && dispatcher.dispatch(consumer) == Outcome.DELIVERED; i++) {
            // one batch per call
        }
    }

    @Test
    void changesGoOutInSequenceOrderInBatchesAndARestartResumesWhereTheConsumerStood() {
        appendJobs(1, 7);
        ChangeDispatcher first = dispatcher();

        assertThat(first.dispatch(consumer)).isEqualTo(Outcome.DELIVERED);
        assertThat(receivedSequences()).containsExactly(1L, 2L, 3L);
        assertThat(sink.received().get(0).id()).isEqualTo("chg_" + integration.value() + "_1");
        assertThat(sink.received().get(0).kind()).isEqualTo("job.created");
        assertThat(sink.received().get(0).orderingKey()).hasValue("1");
        assertThat(sink.received().get(0).body()).isEqualTo("{\"id\":\"chg_" + integration.value() + "_1\"}");

        ChangeDispatcher afterRestart = dispatcher(); // same durable state, a new process
        drain(afterRestart);
        assertThat(afterRestart.dispatch(consumer)).isEqualTo(Outcome.IDLE);

        assertThat(receivedSequences()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
        assertThat(cursors.load(integration, "erp").cursor()).isEqualTo(7);
        assertThat(deliveryLog.latestAttempts(integration, "erp", 100)).hasSize(7);
    }

    @Test
    void aFailedChangeIsRetriedOnScheduleAndNothingAfterItOvertakesIt() {
        appendJobs(1, 4);
        ChangeDispatcher dispatcher = dispatcher();
        sink.failNext(2, 503); // the 1st delivery fails, and its first retry too

        assertThat(dispatcher.dispatch(consumer)).isEqualTo(Outcome.RETRYING);
        assertThat(dispatcher.dispatch(consumer)).as("the retry is not due").isEqualTo(Outcome.WAITING);
        clock.advance(Duration.ofSeconds(10));
        assertThat(dispatcher.dispatch(consumer)).isEqualTo(Outcome.RETRYING);
        clock.advance(Duration.ofSeconds(59));
        assertThat(dispatcher.dispatch(consumer)).isEqualTo(Outcome.WAITING);
        clock.advance(Duration.ofSeconds(1));
        drain(dispatcher);

        assertThat(receivedSequences()).containsExactly(1L, 2L, 3L, 4L);
        List<DeliveryLog.RecordedAttempt> attempts = deliveryLog.latestAttempts(integration, "erp", 100);
        assertThat(attempts).hasSize(6);
        assertThat(attempts.get(attempts.size() - 1).attempt().status()).hasValue(503);
        assertThat(attempts.get(attempts.size() - 1).at()).isEqualTo(T0);
        assertThat(cursors.load(integration, "erp").failedAttempts()).isZero();
    }

    @Test
    void afterItsLastAttemptAChangeIsDeadLetteredTheRestFollowsAndAReplayDeliversIt() {
        appendJobs(1, 3);
        ChangeDispatcher dispatcher = dispatcher();
        sink.failNext(4, 500); // every attempt of change 1 (1 + 3 retries)

        List<Outcome> outcomes = new java.util.ArrayList<>();
        for (Duration wait :
                List.of(Duration.ZERO, Duration.ofSeconds(10), Duration.ofMinutes(1), Duration.ofMinutes(5))) {
            clock.advance(wait);
            outcomes.add(dispatcher.dispatch(consumer));
        }
        drain(dispatcher);

        assertThat(outcomes)
                .containsExactly(Outcome.RETRYING, Outcome.RETRYING, Outcome.RETRYING, Outcome.DEAD_LETTERED);
        assertThat(receivedSequences()).containsExactly(2L, 3L);
        assertThat(deliveryLog.deadLetters(integration, "erp")).singleElement().satisfies(letter -> {
            assertThat(letter.sequence()).isEqualTo(1);
            assertThat(letter.attempts()).isEqualTo(4);
            assertThat(letter.reason()).isEqualTo("scripted failure");
        });
        assertThat(new ConsumerLag(integration, log, cursors, deliveryLog, clock)
                        .of(consumer)
                        .deadLetters())
                .isEqualTo(1);

        ChangeReplay.Result replayed = replay().replay(consumer, 1, 1);

        assertThat(replayed.found()).isEqualTo(1);
        assertThat(replayed.delivered()).isEqualTo(1);
        assertThat(receivedSequences()).containsExactly(2L, 3L, 1L);
        assertThat(deliveryLog.deadLetters(integration, "erp")).isEmpty();
    }

    @Test
    void aConsumerFailingForLongerThanThePauseBoundIsPausedUntilResumed() {
        appendJobs(1, 2);
        DeliveryPolicy patient = new DeliveryPolicy(RetrySchedule.parse("30m,30m,30m,30m"), Duration.ofHours(1));
        ChangeConsumer consumer = new ChangeConsumer("erp", Set.of(), sink, patient, 10);
        ChangeDispatcher dispatcher = dispatcher();
        sink.failNext(3, 502);

        assertThat(dispatcher.dispatch(consumer)).isEqualTo(Outcome.RETRYING);
        clock.advance(Duration.ofMinutes(30));
        assertThat(dispatcher.dispatch(consumer)).isEqualTo(Outcome.RETRYING);
        clock.advance(Duration.ofMinutes(31));
        assertThat(dispatcher.dispatch(consumer)).isEqualTo(Outcome.PAUSED);
        clock.advance(Duration.ofDays(1));
        assertThat(dispatcher.dispatch(consumer)).as("paused: nothing sent").isEqualTo(Outcome.PAUSED);
        assertThat(sink.attempts()).hasSize(3);
        assertThat(deliveryLog.deadLetters(integration, "erp")).isEmpty();

        replay().resume(consumer);

        assertThat(dispatcher.dispatch(consumer)).isEqualTo(Outcome.DELIVERED);
        assertThat(receivedSequences()).containsExactly(1L, 2L);
    }

    @Test
    void aConsumerGetsOnlyItsKindsAndItsLagCountsChangesAndAge() {
        appendJobs(1, 2);
        ChangeEntry provisional = ChangeEntry.provisional(
                dev.fieldsync.domain.job.JobState.PENDING,
                MirroredJob.firstSeen(Fixtures.job(1), T0, T0),
                T0.plusSeconds(5));
        log.append(integration, List.of(provisional));
        ChangeConsumer onlyProvisional =
                new ChangeConsumer("crm", Set.of(ChangeKind.JOB_PROVISIONAL), sink, POLICY, 10);
        ConsumerLag lag = new ConsumerLag(integration, log, cursors, deliveryLog, clock);
        clock.advance(Duration.ofSeconds(65));

        ConsumerLag.Standing before = lag.of(onlyProvisional);
        assertThat(before.changes()).isEqualTo(3);
        assertThat(before.age()).isEqualTo(Duration.ofSeconds(60));

        assertThat(dispatcher().dispatch(onlyProvisional)).isEqualTo(Outcome.DELIVERED);

        assertThat(sink.received()).extracting(Delivery::kind).containsExactly("job.provisional");
        ConsumerLag.Standing after = lag.of(onlyProvisional);
        assertThat(after.changes()).isZero();
        assertThat(after.age()).isEqualTo(Duration.ZERO);
        assertThat(lag.of(consumer).changes())
                .as("another consumer's cursor is its own")
                .isEqualTo(3);

        appendJobs(3, 4); // only kinds it does not take: once it looked, it is not behind
        assertThat(lag.of(onlyProvisional).changes()).isEqualTo(2);
        assertThat(dispatcher().dispatch(onlyProvisional)).isEqualTo(Outcome.IDLE);
        assertThat(lag.of(onlyProvisional).changes()).isZero();
        assertThat(sink.received()).hasSize(1);
    }

    @Test
    void aRewoundConsumerDeliversEverythingFromThatSequenceAgain() {
        appendJobs(1, 5);
        ChangeDispatcher dispatcher = dispatcher();
        drain(dispatcher);

        replay().rewind(consumer, 4);
        drain(dispatcher);

        assertThat(receivedSequences()).containsExactly(1L, 2L, 3L, 4L, 5L, 4L, 5L);
    }

    @Test
    void badNamesAndRangesAreRefusedWithWhatToWrite() {
        assertThatThrownBy(() -> new ChangeConsumer("ERP system", Set.of(), sink, POLICY, 10))
                .hasMessageContaining("lower-case letters, digits and '-'");
        assertThatThrownBy(() -> new ChangeConsumer("erp", Set.of(), sink, POLICY, 0))
                .hasMessageContaining("batch size must be 1..1000");
        assertThatThrownBy(() -> replay().replay(consumer, 5, 4)).hasMessageContaining("from=120&to=180");
        assertThatThrownBy(() -> replay().rewind(consumer, 0)).hasMessageContaining("sequence ≥ 1");
    }
}
