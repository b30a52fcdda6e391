package dev.fieldsync.adapters.memory;

import dev.fieldsync.domain.change.Change;
import dev.fieldsync.domain.change.ChangeEntry;
import dev.fieldsync.domain.change.ChangeKind;
import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.domain.id.JobId;
import dev.fieldsync.ports.out.store.ChangeLog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The change log in memory. The in-memory stores that write it call {@link #append} under their own lock, so a
 * change and what it describes become visible together; listeners hear of an append after it (outside this lock).
 */
public final class InMemoryChangeLog implements ChangeLog {
    private final Object lock = new Object();
    private final Map<IntegrationId, TreeMap<Long, Change>> changes = new HashMap<>();
    private final Map<IntegrationId, Long> latest = new HashMap<>();
    private final List<CommitListener> listeners = new CopyOnWriteArrayList<>();

    @Override
    public List<Change> append(IntegrationId integration, List<ChangeEntry> entries) {
        Objects.requireNonNull(integration, "integration");
        if (entries.isEmpty()) {
            return List.of();
        }
        List<Change> appended = new ArrayList<>(entries.size());
        long last;
        synchronized (lock) {
            TreeMap<Long, Change> log = changes.computeIfAbsent(integration, key -> new TreeMap<>());
            last = latest.getOrDefault(integration, 0L);
            for (ChangeEntry entry : entries) {
                Change change = new Change(integration, ++last, entry);
                log.put(change.sequence(), change);
                appended.add(change);
            }
            latest.put(integration, last);
        }
        for (CommitListener listener : listeners) {
            listener.committed(integration, last);
        }
        return List.copyOf(appended);
    }

    @Override
    public List<Change> read(IntegrationId integration, long afterSequence, int limit, Set<ChangeKind> kinds) {
        Objects.requireNonNull(integration, "integration");
        Objects.requireNonNull(kinds, "kinds");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
        synchronized (lock) {
            return changes.getOrDefault(integration, new TreeMap<>()).tailMap(afterSequence, false).values().stream()
                    .filter(change -> kinds.isEmpty() || kinds.contains(change.kind()))
                    .limit(limit)
                    .toList();
        }
    }

    @Override
    public List<Change> readJob(IntegrationId integration, JobId job, int limit) {
        Objects.requireNonNull(integration, "integration");
        Objects.requireNonNull(job, "job");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
        synchronized (lock) {
            return changes.getOrDefault(integration, new TreeMap<>()).descendingMap().values().stream()
                    .filter(change -> change.jobId().filter(job::equals).isPresent())
                    .limit(limit)
                    .toList();
        }
    }

    @Override
    public long latestSequence(IntegrationId integration) {
        synchronized (lock) {
            return latest.getOrDefault(integration, 0L);
        }
    }

    @Override
    public long count(IntegrationId integration) {
        synchronized (lock) {
            return changes.getOrDefault(integration, new TreeMap<>()).size();
        }
    }

    @Override
    public long prune(Instant olderThan) {
        Objects.requireNonNull(olderThan, "olderThan");
        long removed = 0;
        synchronized (lock) {
            for (TreeMap<Long, Change> log : changes.values()) {
                int before = log.size();
                log.values().removeIf(change -> change.occurredAt().isBefore(olderThan));
                removed += before - log.size();
            }
        }
        return removed;
    }

    @Override
    public void onCommitted(CommitListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }
}
