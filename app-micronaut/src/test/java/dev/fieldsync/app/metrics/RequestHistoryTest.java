package dev.fieldsync.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fieldsync.ports.out.budget.Priority;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The per-minute ring of gateway calls on a clock the test moves: minutes, series, 429s, and the hour's end. */
class RequestHistoryTest {
    private static final Instant T0 = Instant.parse("2026-12-02T10:00:15Z");

    @Test
    void countsEachSeriesInItsMinuteAndMarksTheRateLimitedOnes() {
        TestClock clock = new TestClock(T0);
        RequestHistory history = new RequestHistory(clock);
        assertThat(history.series())
                .containsExactlyElementsOf(Stream.concat(
                                Arrays.stream(Priority.values()).map(RequestHistory::seriesOf),
                                Stream.of(RequestHistory.LOOKUPS))
                        .toList());

        history.recordCall("background");
        history.recordCall("background");
        history.recordCall(RequestHistory.LOOKUPS);
        clock.now = T0.plus(Duration.ofMinutes(2));
        history.recordCall("interactive");
        history.recordRateLimited();

        List<RequestHistory.Minute> hour = history.lastHour();
        assertThat(hour).hasSize(RequestHistory.MINUTES);
        RequestHistory.Minute last = hour.get(59);
        assertThat(last.start()).isEqualTo(Instant.parse("2026-12-02T10:02:00Z"));
        assertThat(last.calls()).containsEntry("interactive", 1).containsEntry("background", 0);
        assertThat(last.rateLimited()).isEqualTo(1);
        assertThat(hour.get(58).total()).isZero();
        RequestHistory.Minute first = hour.get(57);
        assertThat(first.start()).isEqualTo(Instant.parse("2026-12-02T10:00:00Z"));
        assertThat(first.calls()).containsEntry("background", 2).containsEntry(RequestHistory.LOOKUPS, 1);
        assertThat(first.rateLimited()).isZero();
    }

    @Test
    void forgetsWhatIsOlderThanAnHourAndReusesItsSlot() {
        TestClock clock = new TestClock(T0);
        RequestHistory history = new RequestHistory(clock);
        history.recordCall("background");
        history.recordRateLimited();

        clock.now = T0.plus(Duration.ofMinutes(59));
        assertThat(history.lastHour().get(0).calls()).containsEntry("background", 1);

        clock.now = T0.plus(Duration.ofMinutes(60));
        assertThat(history.lastHour()).allSatisfy(minute -> {
            assertThat(minute.total()).isZero();
            assertThat(minute.rateLimited()).isZero();
        });
        history.recordCall("interactive");
        RequestHistory.Minute now = history.lastHour().get(59);
        assertThat(now.calls()).containsEntry("interactive", 1).containsEntry("background", 0);
        assertThat(now.rateLimited()).as("the slot's old 429 is cleared").isZero();
    }

    @Test
    void refusesASeriesItDoesNotKeep() {
        RequestHistory history = new RequestHistory(new TestClock(T0));
        assertThatThrownBy(() -> history.recordCall("nightly"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lookups");
    }

    private static final class TestClock extends Clock {
        Instant now;

        TestClock(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
