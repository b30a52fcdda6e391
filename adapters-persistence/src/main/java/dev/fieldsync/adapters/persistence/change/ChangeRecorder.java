package dev.fieldsync.adapters.persistence.change;

import dev.fieldsync.adapters.persistence.sql.LeadingStatement;
import dev.fieldsync.domain.change.ChangeEntry;
import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.domain.submission.Submission;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

/**
 * How the SQL stores write the change log: {@link #record} appends, in the store's open transaction, unless
 * {@code fieldsync.changes.enabled=false} turns the log off (then the stores skip reading what a write changes, too:
 * ask {@link #enabled()} first).
 */
@Singleton
public final class ChangeRecorder {
    private final SqlChangeLog log;
    private final boolean enabled;

    ChangeRecorder(SqlChangeLog log, @Value("${fieldsync.changes.enabled:true}") boolean enabled) {
        this.log = log;
        this.enabled = enabled;
    }

    public boolean enabled() {
        return enabled;
    }

    /** Appends {@code entries} in the current transaction (nothing when the log is off or there are none). */
    public void record(IntegrationId integration, List<ChangeEntry> entries) {
        if (enabled && !entries.isEmpty()) {
            log.append(integration, entries);
        }
    }

    /**
     * {@link #record}, with {@code leading} sent ahead of the append in its round trip; false, having run nothing,
     * when there is nothing to append (the log is off, or no entries): then the caller runs {@code leading} itself.
     */
    public boolean recordAfter(IntegrationId integration, List<ChangeEntry> entries, LeadingStatement leading) {
        if (!enabled || entries.isEmpty()) {
            return false;
        }
        log.append(integration, entries, Optional.of(leading));
        return true;
    }

    /** Records that {@code submissions} (of one integration) reached their current states, at their updatedAt. */
    public void reached(List<Submission> submissions) {
        if (enabled && !submissions.isEmpty()) {
            log.append(
                    submissions.get(0).integration(),
                    submissions.stream()
                            .map(s -> ChangeEntry.submission(s, Optional.empty(), s.updatedAt()))
                            .toList());
        }
    }
}
