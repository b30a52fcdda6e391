package dev.fieldsync.domain.mirror;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** One slice of a mirror search; {@code nextCursor} is empty on the last slice. */
public record JobSlice(List<MirroredJob> jobs, Optional<String> nextCursor) {
    public JobSlice {
        jobs = List.copyOf(jobs);
        Objects.requireNonNull(nextCursor, "nextCursor");
    }
}
