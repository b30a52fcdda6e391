package dev.fieldsync.app.scheduling;

import java.time.Duration;

/** Wakes waiting deliverers when the change log grew (or an operator resumed one); a wait ends at its timeout. */
final class DeliverySignal {
    private long generation;

    synchronized void wake() {
        generation++;
        notifyAll();
    }

    /** The generation to wait past, read before looking for work (so a wake in between is not missed). */
    synchronized long generation() {
        return generation;
    }

    /** Waits until a wake after {@code seen} or {@code timeout}. */
    synchronized void awaitAfter(long seen, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (generation == seen) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }
}
