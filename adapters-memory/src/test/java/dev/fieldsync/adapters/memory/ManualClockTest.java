package dev.fieldsync.adapters.memory;

import static dev.fieldsync.adapters.memory.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ManualClockTest {

    @Test
    void movesOnlyWhenTold() {
        ManualClock clock = new ManualClock(T0);
        assertThat(clock.instant()).isEqualTo(T0);
        assertThat(clock.millis()).isEqualTo(T0.toEpochMilli());
        clock.advance(Duration.ofSeconds(90));
        assertThat(clock.instant()).isEqualTo(T0.plusSeconds(90));
        clock.set(T0.minusSeconds(5));
        assertThat(clock.instant()).isEqualTo(T0.minusSeconds(5));
        assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
    }

    @Test
    void refusesToAdvanceBackwards() {
        ManualClock clock = new ManualClock(T0);
        assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("set()");
        assertThat(clock.instant()).isEqualTo(T0);
    }

    @Test
    void advanceToNeverGoesBack() {
        ManualClock clock = new ManualClock(T0);
        assertThat(clock.advanceTo(T0.plusSeconds(10))).isEqualTo(T0.plusSeconds(10));
        assertThat(clock.advanceTo(T0.plusSeconds(3))).isEqualTo(T0.plusSeconds(10));
    }

    @Test
    void aZonedViewSharesTheManualTime() {
        ManualClock clock = new ManualClock(T0);
        var brisbane = clock.withZone(ZoneId.of("Australia/Brisbane"));
        clock.advance(Duration.ofMinutes(1));
        assertThat(brisbane.instant()).isEqualTo(T0.plusSeconds(60));
        assertThat(brisbane.getZone()).isEqualTo(ZoneId.of("Australia/Brisbane"));
        assertThat(clock.withZone(ZoneOffset.UTC)).isSameAs(clock);
    }

    @Test
    void concurrentAdvancesAreNotLost() throws Exception {
        ManualClock clock = new ManualClock(T0);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 1000; i++) {
                        clock.advance(Duration.ofMillis(1));
                    }
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(clock.instant()).isEqualTo(T0.plusMillis(4000));
    }
}
