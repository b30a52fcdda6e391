package dev.fieldsync.benchmarks.e2e;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * When each change (by sequence, 1..capacity) first reached a receiver, and when the page that wrote it committed,
 * on this JVM's {@link System#nanoTime()}: commit-to-arrival latencies for changes that arrived again count once.
 */
final class Arrivals {
    private final AtomicLongArray arrived;
    private final AtomicLongArray committed;
    private final AtomicLong count = new AtomicLong();
    private long committedThrough;

    Arrivals(int capacity) {
        arrived = new AtomicLongArray(capacity + 1);
        committed = new AtomicLongArray(capacity + 1);
    }

    void arrived(long sequence) {
        if (sequence > 0
                && sequence < arrived.length()
                && arrived.compareAndSet((int) sequence, 0, System.nanoTime())) {
            count.incrementAndGet();
        }
    }

    /** The change log's commit listener: every sequence up to {@code latest} committed now. */
    synchronized void committedThrough(long latest) {
        long now = System.nanoTime();
        for (long s = committedThrough + 1; s <= latest && s < committed.length(); s++) {
            committed.set((int) s, now);
        }
        committedThrough = Math.max(committedThrough, latest);
    }

    long count() {
        return count.get();
    }

    /** Commit-to-arrival in milliseconds of the changes 1..{@code through} that both committed and arrived, sorted. */
    double[] latenciesMillis(long through) {
        double[] latencies = new double[(int) through];
        int n = 0;
        for (int s = 1; s <= through && s < arrived.length(); s++) {
            long a = arrived.get(s);
            long c = committed.get(s);
            if (a != 0 && c != 0) {
                latencies[n++] = Math.max(0, a - c) / 1e6;
            }
        }
        double[] sorted = Arrays.copyOf(latencies, n);
        Arrays.sort(sorted);
        return sorted;
    }

    /** Seconds from the first commit to the last arrival among 1..{@code through}. */
    double spanSeconds(long through) {
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (int s = 1; s <= through && s < arrived.length(); s++) {
            if (committed.get(s) != 0) {
                first = Math.min(first, committed.get(s));
            }
            last = Math.max(last, arrived.get(s));
        }
        return (last - first) / 1e9;
    }

    static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * p) - 1)];
    }
}
