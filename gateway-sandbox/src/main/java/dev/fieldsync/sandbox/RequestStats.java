package dev.fieldsync.sandbox;

import dev.fieldsync.sandbox.ratelimit.TimeSource;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;

/** Counts /v1 traffic: total, 429s, and per key a rolling (scaled) minute in one-second slots. */
final class RequestStats {
    private final TimeSource time;
    private final LongAdder total = new LongAdder();
    private final LongAdder rateLimited = new LongAdder();
    private final Map<String, long[]> counts = new HashMap<>();
    private final Map<String, long[]> stamps = new HashMap<>();
    private final Map<String, String> labels = new HashMap<>();

    RequestStats(TimeSource time) {
        this.time = time;
    }

    void request() {
        total.increment();
    }

    void rateLimited() {
        rateLimited.increment();
    }

    synchronized void admitted(String key) {
        String label = labels.computeIfAbsent(key, SandboxKeys::mask);
        long second = Math.floorDiv(time.nanos(), 1_000_000_000L);
        int slot = (int) Math.floorMod(second, 60L);
        long[] c = counts.computeIfAbsent(label, k -> new long[60]);
        long[] s = stamps.computeIfAbsent(label, k -> new long[60]);
        if (s[slot] != second) {
            s[slot] = second;
            c[slot] = 0;
        }
        c[slot]++;
    }

    synchronized Map<String, Long> lastMinute() {
        long second = Math.floorDiv(time.nanos(), 1_000_000_000L);
        Map<String, Long> out = new TreeMap<>();
        for (Map.Entry<String, long[]> e : counts.entrySet()) {
            long[] s = stamps.get(e.getKey());
            long sum = 0;
            for (int i = 0; i < 60; i++) {
                if (s[i] > second - 60 && s[i] <= second) {
                    sum += e.getValue()[i];
                }
            }
            out.put(e.getKey(), sum);
        }
        return out;
    }

    long total() {
        return total.sum();
    }

    long rateLimitedCount() {
        return rateLimited.sum();
    }

    synchronized void reset() {
        total.reset();
        rateLimited.reset();
        counts.clear();
        stamps.clear();
    }
}
