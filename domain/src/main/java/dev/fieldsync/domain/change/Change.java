package dev.fieldsync.domain.change;

import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.domain.id.JobId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of an integration's change log at its place: {@code sequence} is per integration, starts at 1 and
 * only grows (in commit order, never reused, also after pruning). The change id {@code chg_<integration>_<sequence>}
 * is stable and unique, so consumers can deduplicate by it (it is the outbound webhook's {@code webhook-id}).
 */
public record Change(IntegrationId integration, long sequence, ChangeEntry entry) {
    private static final String PREFIX = "chg_";

    public Change {
        Objects.requireNonNull(integration, "integration");
        Objects.requireNonNull(entry, "entry");
        if (sequence < 1) {
            throw new IllegalArgumentException("a change's sequence starts at 1, got " + sequence);
        }
    }

    /** The stable id of the change at {@code sequence} in {@code integration}'s log. */
    public static String idOf(IntegrationId integration, long sequence) {
        return PREFIX + integration.value() + "_" + sequence;
    }

    public String id() {
        return idOf(integration, sequence);
    }

    public ChangeKind kind() {
        return entry.kind();
    }

    public Instant occurredAt() {
        return entry.occurredAt();
    }

    public Optional<JobId> jobId() {
        return entry.jobId();
    }
}
