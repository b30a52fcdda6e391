package dev.fieldsync.ports.out.store;

import java.util.List;

/** What applying a page did: the new and changed jobs (in page order) and how many were unchanged. */
public record PageApplied(List<JobChange> changes, int unchanged) {
    public PageApplied {
        changes = List.copyOf(changes);
        if (unchanged < 0) {
            throw new IllegalArgumentException("unchanged must not be negative");
        }
    }

    public long newCount() {
        return changes.stream()
                .filter(change -> change.kind() == JobChange.Kind.NEW)
                .count();
    }

    public long changedCount() {
        return changes.stream()
                .filter(change -> change.kind() == JobChange.Kind.CHANGED)
                .count();
    }
}
