package dev.fieldsync.domain.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeliveryPolicyTest {
    private static final Instant T0 = Instant.parse("2026-07-01T00:00:00Z");
    private final DeliveryPolicy policy = new DeliveryPolicy(RetrySchedule.parse("10s,1m,5m"), Duration.ofHours(1));

    @Test
    void aFailedChangeIsRetriedOnTheScheduleThenDeadLettered() {
        // Virtual time: each retry happens exactly when the previous decision said.
        Instant now = T0;
        List<Duration> waits = new java.util.ArrayList<>();
        DeliveryPolicy.Decision decision = policy.afterFailure(1, T0, now);
        for (int attempt = 2; decision instanceof DeliveryPolicy.Retry retry; attempt++) {
            waits.add(Duration.between(now, retry.at()));
            now = retry.at();
            decision = policy.afterFailure(attempt, T0, now);
        }

        assertThat(waits).containsExactly(Duration.ofSeconds(10), Duration.ofMinutes(1), Duration.ofMinutes(5));
        assertThat(decision).isInstanceOf(DeliveryPolicy.DeadLetter.class);
        assertThat(policy.retries().maxAttempts()).isEqualTo(4);
    }

    @Test
    void aConsumerFailingForLongerThanThePauseBoundIsPausedNotDeadLettered() {
        Instant failingSince = T0;

        assertThat(policy.afterFailure(1, failingSince, T0.plus(Duration.ofHours(1))))
                .isInstanceOf(DeliveryPolicy.Retry.class);
        assertThat(policy.afterFailure(
                        1, failingSince, T0.plus(Duration.ofHours(1)).plusSeconds(1)))
                .isInstanceOf(DeliveryPolicy.Pause.class);
        assertThat(policy.afterFailure(9, failingSince, T0.plus(Duration.ofHours(2))))
                .as("pausing wins over dead-lettering")
                .isInstanceOf(DeliveryPolicy.Pause.class);
    }

    @Test
    void schedulesParseAndPrintInTheSettingsForm() {
        assertThat(RetrySchedule.parse(" 500ms, 10s ,2m,1h,1d").delays())
                .containsExactly(
                        Duration.ofMillis(500),
                        Duration.ofSeconds(10),
                        Duration.ofMinutes(2),
                        Duration.ofHours(1),
                        Duration.ofDays(1));
        assertThat(RetrySchedule.parse("500ms,10s,2m,1h,1d")).hasToString("500ms,10s,2m,1h,1d");
        assertThat(RetrySchedule.parse("").maxAttempts()).isEqualTo(1);
        assertThat(RetrySchedule.DEFAULT.maxAttempts()).isEqualTo(7);
        assertThat(RetrySchedule.DEFAULT.delayAfter(7)).isEmpty();
    }

    @Test
    void badSchedulesSayWhatToWrite() {
        assertThatThrownBy(() -> RetrySchedule.parse("10s,soon"))
                .hasMessageContaining("'soon' is not a retry delay")
                .hasMessageContaining("e.g. 10s,1m,5m");
        assertThatThrownBy(() -> RetrySchedule.parse("10x")).hasMessageContaining("'10x'");
        assertThatThrownBy(() -> RetrySchedule.parse("0s")).hasMessageContaining("must be positive");
        assertThatThrownBy(() -> new DeliveryPolicy(RetrySchedule.DEFAULT, Duration.ZERO))
                .hasMessageContaining("pause-after");
        assertThatThrownBy(() -> RetrySchedule.DEFAULT.delayAfter(0)).hasMessageContaining("counts from 1");
    }
}
