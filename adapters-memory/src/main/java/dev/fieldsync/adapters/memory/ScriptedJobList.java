package dev.fieldsync.adapters.memory;

import dev.fieldsync.domain.id.JobId;
import dev.fieldsync.domain.job.Job;
import dev.fieldsync.ports.out.gateway.JobPage;
import dev.fieldsync.ports.out.gateway.JobQuery;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The job list of {@link ScriptedGateway}: newest-updated first, in pages whose keyset cursor (the position
 * {@code (updated_at, id)} of the last job sent) stays stable while jobs change between pages.
 */
final class ScriptedJobList {
    private static final String CURSOR_PREFIX = "scripted:";

    /** A job as the fake holds it: with the updated_at the real list does not show. */
    record StoredJob(Job job, Instant updatedAt) {}

    /** A position in the list. */
    private record Position(Instant updatedAt, JobId id) {}

    private static final Comparator<Position> NEWEST_UPDATED_FIRST =
            Comparator.comparing(Position::updatedAt).reversed().thenComparing(Position::id, Comparator.reverseOrder());

    private ScriptedJobList() {}

    /** One page of the jobs matching {@code query} after {@code cursor}; throws IllegalArgumentException for a foreign cursor. */
    static JobPage page(
            Collection<StoredJob> jobs,
            JobQuery query,
            Optional<String> cursor,
            java.util.function.UnaryOperator<Job> listed) {
        Optional<Position> after = cursor.map(ScriptedJobList::decode);
        List<StoredJob> matching = jobs.stream()
                .filter(stored -> matches(query, stored))
                .filter(stored -> after.map(last -> NEWEST_UPDATED_FIRST.compare(position(stored), last) > 0)
                        .orElse(true))
                .sorted(Comparator.comparing(ScriptedJobList::position, NEWEST_UPDATED_FIRST))
                .limit(query.pageSize() + 1L)
                .toList();
        boolean more = matching.size() > query.pageSize();
        List<StoredJob> page = more ? matching.subList(0, query.pageSize()) : matching;
        Optional<String> next = more ? Optional.of(encode(position(page.get(page.size() - 1)))) : Optional.empty();
        return new JobPage(
                page.stream().map(stored -> listed.apply(stored.job())).toList(), next);
    }

    private static Position position(StoredJob stored) {
        return new Position(stored.updatedAt(), stored.job().id());
    }

    private static boolean matches(JobQuery query, StoredJob stored) {
        Job job = stored.job();
        boolean state = switch (query.state()) {
            case OPEN -> job.state().isOpen();
            case CLOSED -> !job.state().isOpen();
            case ALL -> true;
        };
        return state
                && query.status()
                        .map(status -> status.equals(job.status().id()))
                        .orElse(true)
                && query.updatedFrom()
                        .map(from -> !stored.updatedAt().isBefore(from))
                        .orElse(true)
                && query.updatedTo().map(to -> stored.updatedAt().isBefore(to)).orElse(true)
                && query.startFrom()
                        .map(from -> job.startTime()
                                .filter(start -> !start.isBefore(from))
                                .isPresent())
                        .orElse(true)
                && query.startTo()
                        .map(to -> job.startTime()
                                .filter(start -> start.isBefore(to))
                                .isPresent())
                        .orElse(true)
                && query.number().map(number -> number.equals(job.number())).orElse(true);
    }

    private static String encode(Position last) {
        String text = CURSOR_PREFIX + last.updatedAt().getEpochSecond() + "."
                + last.updatedAt().getNano() + "/" + last.id().value();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static Position decode(String cursor) {
        String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        if (!text.startsWith(CURSOR_PREFIX)) {
            throw new IllegalArgumentException("foreign cursor");
        }
        String[] parts = text.substring(CURSOR_PREFIX.length()).split("[./]");
        return new Position(
                Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1])), JobId.of(parts[2]));
    }
}
