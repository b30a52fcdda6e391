package dev.fieldsync.adapters.persistence.budget;

import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * The time a budget runs on, and how it waits: injectable so tests run in virtual or short real time. Times
 * are wall-clock nanoseconds since the epoch, because a shared bucket compares times taken on different hosts.
 */
public interface BudgetTime {

    /** Now, in nanoseconds since the epoch. */
    long nanos();

    /** Waits {@code nanos}; a virtual implementation advances its clock instead. */
    void sleep(long nanos) throws InterruptedException;

    /** The system clock and {@link Thread#sleep}. */
    static BudgetTime system() {
        return SystemTime.INSTANCE;
    }

    /** As Bucket4j's time meter. */
    default TimeMeter asTimeMeter() {
        BudgetTime time = this;
        return new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                return time.nanos();
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
    }

    /** The wall clock with microsecond resolution, and a real sleep. */
    enum SystemTime implements BudgetTime {
        INSTANCE;

        private final Clock clock = Clock.systemUTC();

        @Override
        public long nanos() {
            Instant now = clock.instant();
            return TimeUnit.SECONDS.toNanos(now.getEpochSecond()) + now.getNano();
        }

        @Override
        public void sleep(long nanos) throws InterruptedException {
            TimeUnit.NANOSECONDS.sleep(nanos);
        }
    }
}
