package dev.fieldsync.adapters.vertx.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private final Random random = new Random(1);
    private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(20), () -> random);

    @Test
    void ceilingsDoubleFromOneSecondUpToTheCap() {
        assertThat(backoff.ceiling(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.ceiling(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.ceiling(3)).isEqualTo(Duration.ofSeconds(4));
        assertThat(backoff.ceiling(5)).isEqualTo(Duration.ofSeconds(16));
        assertThat(backoff.ceiling(6)).isEqualTo(Duration.ofSeconds(20));
        assertThat(backoff.ceiling(200)).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void delaysAreFullJitterWithinTheCeiling() {
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 500; i++) {
            Duration delay = backoff.delay(3);
            assertThat(delay).isBetween(Duration.ZERO, Duration.ofSeconds(4));
            seen.add(delay.toMillis() / 1000);
        }
        assertThat(seen).contains(0L, 1L, 2L, 3L).isSubsetOf(0L, 1L, 2L, 3L, 4L); // spread over the whole range
    }

    @Test
    void theSameSeedGivesTheSameDelays() {
        Backoff again = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(20), () -> new Random(1));
        Backoff other = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(20), () -> new Random(1));
        assertThat(again.delay(4)).isEqualTo(other.delay(4));
    }

    @Test
    void refusesAnUpsideDownConfiguration() {
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(5), Duration.ofSeconds(1), () -> random))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
