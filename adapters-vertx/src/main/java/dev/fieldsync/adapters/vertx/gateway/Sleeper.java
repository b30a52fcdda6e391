package dev.fieldsync.adapters.vertx.gateway;

import java.time.Duration;

/** Waits between attempts; tests pass one that advances a virtual clock instead of sleeping. */
@FunctionalInterface
public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;

    /** {@link Thread#sleep}. */
    static Sleeper system() {
        return duration -> Thread.sleep(duration.toMillis(), (int) (duration.toNanosPart() % 1_000_000));
    }
}
