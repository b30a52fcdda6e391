package dev.fieldsync.sandbox.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
    final AtomicLong now = new AtomicLong(1_000);
    final RateLimiter limiter = new RateLimiter(now::get);

    @Test
    void fortyBurstThenOneTokenEveryOneAndAHalfSeconds() {
        for (int i = 0; i < 40; i++) {
            assertThat(limiter.tryAcquire("k")).isZero();
        }
        long wait = limiter.tryAcquire("k");
        assertThat(wait).isBetween(1_499_000_000L, 1_501_000_000L);
        now.addAndGet(wait);
        assertThat(limiter.tryAcquire("k")).isZero();
        assertThat(limiter.tryAcquire("k")).isPositive();
    }

    @Test
    void aRefusalConsumesNothing() {
        for (int i = 0; i < 40; i++) {
            limiter.tryAcquire("k");
        }
        for (int i = 0; i < 100; i++) {
            assertThat(limiter.tryAcquire("k")).isPositive();
        }
        now.addAndGet(1_500_000_001L);
        assertThat(limiter.tryAcquire("k")).isZero();
    }

    @Test
    void upstreamBucketOfSixtyIsSharedByAllKeys() {
        int granted = 0;
        for (int i = 0; i < 40; i++) {
            granted += limiter.tryAcquire("a") == 0 ? 1 : 0;
            granted += limiter.tryAcquire("b") == 0 ? 1 : 0;
        }
        assertThat(granted).isEqualTo(60);
        // Upstream refills one per second: the wait is bounded by it, not by b's own bucket.
        long wait = limiter.tryAcquire("c");
        assertThat(wait).isBetween(999_000_000L, 1_001_000_000L);
    }

    @Test
    void scaledTimeRunsFasterAndStaysContinuousWhenRescaled() {
        AtomicLong real = new AtomicLong(0);
        ScaledTime t = new ScaledTime(real::get, 10.0);
        real.set(1_000);
        assertThat(t.nanos()).isEqualTo(10_000);
        t.scale(2.0);
        assertThat(t.nanos()).isEqualTo(10_000);
        real.set(2_000);
        assertThat(t.nanos()).isEqualTo(12_000);
        assertThat(t.realMillis(4_000_000_000L)).isEqualTo(2_000);
    }
}
