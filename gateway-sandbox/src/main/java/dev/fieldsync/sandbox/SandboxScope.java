package dev.fieldsync.sandbox;

import dev.fieldsync.sandbox.data.Job;
import dev.fieldsync.sandbox.data.Store;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Moves jobs out of the keys' scope and back, as when a site moves to another customer (GATEWAY-API.md has no
 * delete and no tombstone): an out-of-scope job vanishes from every listing and get of every key, and a PATCH or
 * cancel of it answers 404, while the oracle ({@code dump}) still shows it with {@code out_of_scope: true}. A move
 * leaves {@code updated_at} alone, so no incremental listing can tell; only a full listing shows the job is gone
 * (or back). A share is picked at random from the given seed, so a test names the same jobs every run.
 */
public final class SandboxScope {
    private final Store store;

    SandboxScope(Store store) {
        this.store = store;
    }

    /** Moves these jobs out of scope; returns the ids that moved (unknown ids and jobs already out are skipped). */
    public List<String> moveOut(List<String> ids) {
        return move(ids, true);
    }

    /** Moves these jobs back into scope; returns the ids that moved. */
    public List<String> moveIn(List<String> ids) {
        return move(ids, false);
    }

    /**
     * Moves {@code share} (0-1) of the jobs in scope out of it, picked with this seed; returns their ids in
     * creation order.
     */
    public List<String> moveOutShare(double share, long seed) {
        if (!(share >= 0 && share <= 1)) {
            throw new IllegalArgumentException("share must be within 0..1, got " + share);
        }
        synchronized (store) {
            List<Job> inScope = new ArrayList<>();
            for (int i = 0; i < store.jobCount(); i++) {
                if (!store.jobAt(i).outOfScope()) {
                    inScope.add(store.jobAt(i));
                }
            }
            int count = (int) Math.round(inScope.size() * share);
            java.util.Collections.shuffle(inScope, new Random(seed));
            List<Job> picked = new ArrayList<>(inScope.subList(0, count));
            picked.sort(java.util.Comparator.comparingLong(job -> job.id));
            List<String> moved = new ArrayList<>(count);
            for (Job job : picked) {
                store.moveScope(job, true);
                moved.add(Long.toString(job.id));
            }
            return moved;
        }
    }

    /** Every job back in scope; returns the ids that moved. */
    public List<String> moveAllIn() {
        return moveIn(outOfScope());
    }

    /** The ids of the jobs out of scope, in creation order. */
    public List<String> outOfScope() {
        synchronized (store) {
            List<String> out = new ArrayList<>();
            for (int i = 0; i < store.jobCount(); i++) {
                Job job = store.jobAt(i);
                if (job.outOfScope()) {
                    out.add(Long.toString(job.id));
                }
            }
            return out;
        }
    }

    private List<String> move(List<String> ids, boolean out) {
        synchronized (store) {
            List<String> moved = new ArrayList<>();
            for (String id : ids) {
                Long parsed = Bodies.parseId(id);
                Job job = parsed == null ? null : store.job(parsed);
                if (job != null && store.moveScope(job, out)) {
                    moved.add(id);
                }
            }
            return moved;
        }
    }
}
