package dev.fieldsync.ports.out.gateway;

import dev.fieldsync.domain.job.Job;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** One page of the job list; {@code nextCursor} is empty on the last page. */
public record JobPage(List<Job> jobs, Optional<String> nextCursor) {
    public JobPage {
        jobs = List.copyOf(jobs);
        Objects.requireNonNull(nextCursor, "nextCursor");
        nextCursor = nextCursor.filter(cursor -> !cursor.isEmpty());
    }

    public boolean isLast() {
        return nextCursor.isEmpty();
    }
}
