package dev.fieldsync.adapters.memory;

import dev.fieldsync.domain.id.JobId;
import dev.fieldsync.domain.job.Job;
import dev.fieldsync.domain.job.JobState;
import dev.fieldsync.domain.mirror.JobSearch;
import dev.fieldsync.domain.mirror.JobSlice;
import dev.fieldsync.domain.mirror.MirroredJob;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

/** {@link InMemoryJobs#search}: one slice of a mirror by the API's filters, highest id first, keyset-paged. */
final class InMemoryJobSearch {
    private InMemoryJobSearch() {}

    /** The caller holds the mirror's lock. */
    static JobSlice slice(TreeMap<JobId, MirroredJob> mirror, JobSearch search) {
        Optional<JobId> after = search.after().map(MirrorCursor::decode);
        Predicate<MirroredJob> matches = matcher(search);
        List<MirroredJob> slice = new ArrayList<>();
        boolean more = false;
        // Highest id first; the cursor is the last id of the previous slice.
        var candidates = after.isPresent()
                ? mirror.headMap(after.get(), false).descendingMap().values()
                : mirror.descendingMap().values();
        for (MirroredJob job : candidates) {
            if (!matches.test(job)) {
                continue;
            }
            if (slice.size() == search.limit()) {
                more = true;
                break;
            }
            slice.add(job);
        }
        Optional<String> next = more
                ? Optional.of(
                        MirrorCursor.encode(slice.get(slice.size() - 1).job().id()))
                : Optional.empty();
        return new JobSlice(slice, next);
    }

    private static Predicate<MirroredJob> matcher(JobSearch search) {
        Optional<String> title = search.titleContains().map(t -> t.toLowerCase(Locale.ROOT));
        return mirrored -> {
            Job job = mirrored.job();
            JobState state = mirrored.effectiveState();
            return search.state().map(wanted -> wanted == state).orElse(true)
                    && search.open().map(open -> open == state.isOpen()).orElse(true)
                    && search.status()
                            .map(status -> status.equals(job.status().id()))
                            .orElse(true)
                    && search.site().map(site -> site.equals(job.site().id())).orElse(true)
                    && search.customer()
                            .map(customer -> customer.equals(job.customer().id()))
                            .orElse(true)
                    && search.number()
                            .map(number -> number.equals(job.number()))
                            .orElse(true)
                    && search.externalId()
                            .map(id -> job.externalId().filter(id::equals).isPresent())
                            .orElse(true)
                    && search.startFrom()
                            .map(from -> job.startTime()
                                    .filter(start -> !start.isBefore(from))
                                    .isPresent())
                            .orElse(true)
                    && search.startTo()
                            .map(to -> job.startTime()
                                    .filter(start -> start.isBefore(to))
                                    .isPresent())
                            .orElse(true)
                    && title.map(t -> job.title().toLowerCase(Locale.ROOT).contains(t))
                            .orElse(true)
                    && search.notesContain()
                            .map(text -> job.notes().contains(text))
                            .orElse(true)
                    && (search.includeGone() || !mirrored.isGone())
                    && search.firstSeenFrom()
                            .map(from -> !mirrored.firstSeenAt().isBefore(from))
                            .orElse(true);
        };
    }
}
