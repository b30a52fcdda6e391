package dev.fieldsync.ports.out.store.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.ports.out.delivery.ConsumerCursors;
import dev.fieldsync.ports.out.delivery.ConsumerState;
import dev.fieldsync.ports.out.delivery.DeliveryAttempt;
import dev.fieldsync.ports.out.delivery.DeliveryLog;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The contract of the change feed's delivery state ({@link ConsumerCursors}, {@link DeliveryLog}), run by every
 * implementation (memory, H2, PostgreSQL): round trips, per-consumer separation, newest-first attempts, dead
 * letters replaced, listed in order and cleared by range.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class DeliveryStateContract {
    private static final Instant T0 = Fixtures.T0.truncatedTo(ChronoUnit.MICROS);

    protected ConsumerCursors cursors;
    protected DeliveryLog deliveryLog;

    /** Fresh stores for this test class; {@link #cursors} and {@link #deliveryLog} are set from it. */
    protected abstract void openStores();

    protected void closeStores() {}

    @BeforeAll
    void openContract() {
        openStores();
    }

    @AfterAll
    void closeContract() {
        closeStores();
    }

    @Test
    void aConsumerNeverSavedStartsAtTheBeginningAndEveryMemberOfItsStateRoundTrips() {
        IntegrationId integration = Fixtures.newIntegration();
        assertThat(cursors.load(integration, "erp")).isEqualTo(ConsumerState.START);

        ConsumerState failing = new ConsumerState(41, 3, Optional.of(T0), Optional.of(T0.plusSeconds(60)), false);
        cursors.save(integration, "erp", failing);
        cursors.save(integration, "broker", ConsumerState.START.deliveredThrough(7));

        assertThat(cursors.load(integration, "erp")).isEqualTo(failing);
        assertThat(cursors.load(integration, "broker").cursor()).isEqualTo(7);
        assertThat(cursors.load(Fixtures.newIntegration(), "erp")).isEqualTo(ConsumerState.START);

        ConsumerState paused = failing.pausedAfterFailure(T0);
        cursors.save(integration, "erp", paused);
        assertThat(cursors.load(integration, "erp")).isEqualTo(paused);
        assertThat(cursors.load(integration, "erp").paused()).isTrue();
    }

    @Test
    void attemptsComeBackNewestFirstWithStatusDetailAndLatency() {
        IntegrationId integration = Fixtures.newIntegration();
        deliveryLog.recordAttempts(
                integration,
                "erp",
                List.of(
                        new DeliveryLog.RecordedAttempt(
                                1,
                                DeliveryAttempt.delivered("chg_x_1", OptionalInt.of(204), Duration.ofMillis(12)),
                                T0),
                        new DeliveryLog.RecordedAttempt(
                                2,
                                DeliveryAttempt.failed(
                                        "chg_x_2",
                                        OptionalInt.empty(),
                                        "no answer within 300 ms",
                                        Duration.ofMillis(300)),
                                T0.plusSeconds(1))));
        deliveryLog.recordAttempts(
                integration,
                "other",
                List.of(new DeliveryLog.RecordedAttempt(
                        9, DeliveryAttempt.delivered("chg_x_9", OptionalInt.empty(), Duration.ZERO), T0)));
        deliveryLog.recordAttempts(integration, "erp", List.of());

        List<DeliveryLog.RecordedAttempt> latest = deliveryLog.latestAttempts(integration, "erp", 10);

        assertThat(latest).extracting(DeliveryLog.RecordedAttempt::sequence).containsExactly(2L, 1L);
        assertThat(latest.get(0).attempt())
                .isEqualTo(DeliveryAttempt.failed(
                        "chg_x_2", OptionalInt.empty(), "no answer within 300 ms", Duration.ofMillis(300)));
        assertThat(latest.get(0).at()).isEqualTo(T0.plusSeconds(1));
        assertThat(latest.get(1).attempt().status()).hasValue(204);
        assertThat(latest.get(1).attempt().latency()).isEqualTo(Duration.ofMillis(12));
        assertThat(deliveryLog.latestAttempts(integration, "erp", 1)).hasSize(1);
    }

    @Test
    void theDeliveryLogPagesNewestFirstByKeyAndNewAttemptsDoNotShiftAPage() {
        IntegrationId integration = Fixtures.newIntegration();
        for (int sequence = 1; sequence <= 5; sequence++) {
            deliveryLog.recordAttempts(
                    integration,
                    "erp",
                    List.of(new DeliveryLog.RecordedAttempt(
                            sequence,
                            DeliveryAttempt.delivered("chg_x_" + sequence, OptionalInt.of(200), Duration.ZERO),
                            T0.plusSeconds(sequence))));
        }
        deliveryLog.recordAttempts(
                integration,
                "other",
                List.of(new DeliveryLog.RecordedAttempt(
                        9, DeliveryAttempt.delivered("chg_x_9", OptionalInt.empty(), Duration.ZERO), T0)));

        List<DeliveryLog.LoggedAttempt> first = deliveryLog.attemptsBefore(integration, "erp", Long.MAX_VALUE, 2);
        deliveryLog.recordAttempts(
                integration,
                "erp",
                List.of(new DeliveryLog.RecordedAttempt(
                        6, DeliveryAttempt.delivered("chg_x_6", OptionalInt.of(200), Duration.ZERO), T0)));
        List<DeliveryLog.LoggedAttempt> second =
                deliveryLog.attemptsBefore(integration, "erp", first.get(1).id(), 2);
        List<DeliveryLog.LoggedAttempt> third =
                deliveryLog.attemptsBefore(integration, "erp", second.get(1).id(), 2);

        assertThat(first).extracting(a -> a.recorded().sequence()).containsExactly(5L, 4L);
        assertThat(second).extracting(a -> a.recorded().sequence()).containsExactly(3L, 2L);
        assertThat(third).extracting(a -> a.recorded().sequence()).containsExactly(1L);
        assertThat(first.get(0).id()).isGreaterThan(first.get(1).id());
        assertThat(deliveryLog.attemptsBefore(integration, "erp", third.get(0).id(), 2))
                .isEmpty();
    }

    @Test
    void deadLettersAreKeptInSequenceOrderReplacedPerSequenceAndClearedByRange() {
        IntegrationId integration = Fixtures.newIntegration();
        deliveryLog.deadLetter(integration, "erp", new DeliveryLog.DeadLetter(5, "chg_x_5", 7, "HTTP 500", T0));
        deliveryLog.deadLetter(integration, "erp", new DeliveryLog.DeadLetter(2, "chg_x_2", 7, "HTTP 503", T0));
        deliveryLog.deadLetter(
                integration, "erp", new DeliveryLog.DeadLetter(5, "chg_x_5", 2, "HTTP 410", T0.plusSeconds(9)));
        deliveryLog.deadLetter(integration, "other", new DeliveryLog.DeadLetter(3, "chg_x_3", 1, "x", T0));

        assertThat(deliveryLog.deadLetters(integration, "erp"))
                .containsExactly(
                        new DeliveryLog.DeadLetter(2, "chg_x_2", 7, "HTTP 503", T0),
                        new DeliveryLog.DeadLetter(5, "chg_x_5", 2, "HTTP 410", T0.plusSeconds(9)));

        deliveryLog.clearDeadLetters(integration, "erp", 1, 4);

        assertThat(deliveryLog.deadLetters(integration, "erp"))
                .extracting(DeliveryLog.DeadLetter::sequence)
                .containsExactly(5L);
        assertThat(deliveryLog.deadLetters(integration, "other")).hasSize(1);
    }
}
