package dev.fieldsync.adapters.vertx.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DateHeaderClockTest {
    private static final Instant SENT = Instant.parse("2026-12-02T10:00:00.000Z");

    @Test
    void knowsNothingUntilAnAnswerCarriesADate() {
        DateHeaderClock clock = new DateHeaderClock();
        clock.record(SENT, SENT.plusMillis(40), null);
        clock.record(SENT, SENT.plusMillis(40), "yesterday-ish");
        assertThat(clock.offset()).isEmpty();
        assertThat(clock.onGatewayClock(SENT)).isEqualTo(SENT);
    }

    @Test
    void oneSampleIsTheHeadersSecondsMiddleMinusTheMidpointOfSendAndReceive() {
        DateHeaderClock clock = new DateHeaderClock();
        // Sent 10:00:00.000, answered 10:00:00.400 (midpoint .200); the gateway wrote 09:57:30 (somewhere in
        // .000-.999).
        clock.record(SENT, SENT.plusMillis(400), "Wed, 02 Dec 2026 09:57:30 GMT");
        assertThat(clock.offset()).contains(Duration.ofMillis(-150_000 + 500 - 200));
        assertThat(clock.onGatewayClock(SENT)).isEqualTo(SENT.minusMillis(149_700));
    }

    @Test
    void theMedianOfRecentAnswersIgnoresASlowOrHeldOne() {
        DateHeaderClock clock = new DateHeaderClock();
        for (int i = 0; i < 6; i++) {
            Instant sent = SENT.plusSeconds(i);
            clock.record(sent, sent.plusMillis(100), "Wed, 02 Dec 2026 10:05:0" + i + " GMT");
        }
        // A request held 2 s by the rate limit and a 9 s answer: their midpoints are far from the header's time.
        clock.record(SENT.plusSeconds(10), SENT.plusSeconds(12), "Wed, 02 Dec 2026 10:05:10 GMT");
        clock.record(SENT.plusSeconds(20), SENT.plusSeconds(29), "Wed, 02 Dec 2026 10:05:20 GMT");
        assertThat(clock.offset()).contains(Duration.ofMillis(300_000 + 500 - 50));
    }

    @Test
    void keepsOnlyTheLastFifteenAnswers() {
        DateHeaderClock clock = new DateHeaderClock();
        for (int i = 0; i < DateHeaderClock.SAMPLES; i++) {
            clock.record(SENT, SENT, "Wed, 02 Dec 2026 10:00:00 GMT");
        }
        for (int i = 0; i < DateHeaderClock.SAMPLES; i++) {
            clock.record(SENT, SENT, "Wed, 02 Dec 2026 10:01:00 GMT");
        }
        assertThat(clock.offset()).contains(Duration.ofMillis(60_500));
    }
}
