package dev.fieldsync.sandbox.data;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;

/**
 * Changes the sandbox makes to random jobs on its own (its scheduling rate, {@code touch}): each under the store's
 * lock, through the store's own updates, so the paging index stays consistent.
 */
public final class RandomChanges {
    private RandomChanges() {}

    /** Moves a random open job one step along pending → scheduled → in_progress → completed. */
    public static Transition advanceRandomOpenJob(Store store, Random rng) {
        synchronized (store) {
            return advance(store, rng);
        }
    }

    private static Transition advance(Store store, Random rng) {
        if (store.jobCount() == 0) {
            return null;
        }
        for (int attempt = 0; attempt < 64; attempt++) {
            Job j = store.jobAt(rng.nextInt(store.jobCount()));
            State from = j.status.state();
            State to = from.next();
            if (to != null) {
                store.update(j, x -> x.status = store.primaryStatus(to));
                return new Transition(j, from, to);
            }
        }
        return null;
    }

    /** A job moved from one state to the next. */
    public record Transition(Job job, State from, State to) {}

    /** Sets updated_at = now (and a note) on {@code count} distinct random jobs; returns how many. */
    public static int touch(Store store, int count, Random rng) {
        synchronized (store) {
            return touchAll(store, count, rng);
        }
    }

    private static int touchAll(Store store, int count, Random rng) {
        int n = Math.min(Math.max(count, 0), store.jobCount());
        Set<Integer> picked = new HashSet<>();
        if (n == store.jobCount()) {
            for (int i = 0; i < n; i++) {
                picked.add(i);
            }
        } else {
            while (picked.size() < n) {
                picked.add(rng.nextInt(store.jobCount()));
            }
        }
        String note = "Touched by the sandbox at " + store.clock().instant();
        for (int i : picked) {
            store.update(store.jobAt(i), j -> j.notes = note);
        }
        return n;
    }
}
