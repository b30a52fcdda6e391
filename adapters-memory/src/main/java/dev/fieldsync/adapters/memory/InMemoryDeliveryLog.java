package dev.fieldsync.adapters.memory;

import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.ports.out.delivery.DeliveryLog;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The delivery log and dead letters in memory. */
public final class InMemoryDeliveryLog implements DeliveryLog {
    private record Key(IntegrationId integration, String consumer) {}

    private final Map<Key, List<RecordedAttempt>> attempts = new HashMap<>();
    private final Map<Key, List<DeadLetter>> deadLetters = new HashMap<>();

    @Override
    public synchronized void recordAttempts(
            IntegrationId integration, String consumer, List<RecordedAttempt> recorded) {
        attempts.computeIfAbsent(new Key(integration, consumer), key -> new ArrayList<>())
                .addAll(recorded);
    }

    @Override
    public synchronized List<RecordedAttempt> latestAttempts(IntegrationId integration, String consumer, int limit) {
        List<RecordedAttempt> all = attempts.getOrDefault(new Key(integration, consumer), List.of());
        List<RecordedAttempt> newestFirst = new ArrayList<>(all);
        java.util.Collections.reverse(newestFirst);
        return List.copyOf(newestFirst.subList(0, Math.min(limit, newestFirst.size())));
    }

    @Override
    public synchronized List<LoggedAttempt> attemptsBefore(
            IntegrationId integration, String consumer, long beforeId, int limit) {
        List<RecordedAttempt> all = attempts.getOrDefault(new Key(integration, consumer), List.of());
        List<LoggedAttempt> page = new ArrayList<>();
        // An attempt's id is its 1-based place in the consumer's list: attempts are only ever appended.
        for (long id = Math.min(beforeId - 1, all.size()); id >= 1 && page.size() < limit; id--) {
            page.add(new LoggedAttempt(id, all.get((int) id - 1)));
        }
        return List.copyOf(page);
    }

    @Override
    public synchronized void deadLetter(IntegrationId integration, String consumer, DeadLetter letter) {
        List<DeadLetter> letters =
                deadLetters.computeIfAbsent(new Key(integration, consumer), key -> new ArrayList<>());
        letters.removeIf(existing -> existing.sequence() == letter.sequence());
        letters.add(letter);
        letters.sort(Comparator.comparingLong(DeadLetter::sequence));
    }

    @Override
    public synchronized List<DeadLetter> deadLetters(IntegrationId integration, String consumer) {
        return List.copyOf(deadLetters.getOrDefault(new Key(integration, consumer), List.of()));
    }

    @Override
    public synchronized void clearDeadLetters(IntegrationId integration, String consumer, long from, long to) {
        deadLetters
                .getOrDefault(new Key(integration, consumer), new ArrayList<>())
                .removeIf(letter -> letter.sequence() >= from && letter.sequence() <= to);
    }
}
