package dev.fieldsync.benchmarks.reliability;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an at-least-once consumer of the change feed saw, deduplicated by change id: the first arrival of each
 * change in arrival order, per job the sequences in the order they first arrived, and how many copies came again.
 */
final class FirstArrivals {
    private final Map<String, Long> first = new LinkedHashMap<>();
    private final Map<String, List<Long>> perJob = new HashMap<>();
    private int arrivals;

    /** One arrival of change {@code id} ({@code sequence}, of {@code job}); true when it is the first. */
    synchronized boolean saw(String id, long sequence, String job) {
        arrivals++;
        if (first.putIfAbsent(id, sequence) != null) {
            return false;
        }
        perJob.computeIfAbsent(job, key -> new ArrayList<>()).add(sequence);
        return true;
    }

    synchronized List<String> ids() {
        return List.copyOf(first.keySet());
    }

    synchronized boolean contains(String id) {
        return first.containsKey(id);
    }

    synchronized int unique() {
        return first.size();
    }

    synchronized Map<String, List<Long>> perJob() {
        Map<String, List<Long>> copy = new HashMap<>();
        perJob.forEach((job, sequences) -> copy.put(job, List.copyOf(sequences)));
        return copy;
    }

    /** Arrivals of a change already seen (allowed: delivery is at least once). */
    synchronized int duplicates() {
        return arrivals - first.size();
    }
}
