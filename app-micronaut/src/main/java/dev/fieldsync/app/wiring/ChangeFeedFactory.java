package dev.fieldsync.app.wiring;

import dev.fieldsync.adapters.persistence.change.SqlChangeLog;
import dev.fieldsync.app.config.FieldsyncSettings;
import dev.fieldsync.app.config.SettingsReader;
import dev.fieldsync.application.changes.ChangeFeed;
import dev.fieldsync.application.changes.ChangeRetention;
import dev.fieldsync.ports.in.changes.ReadChanges;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;

/**
 * The change feed's beans over the SQL change log: {@link ReadChanges} (waiters wake on this process's commits and
 * look again every {@value #POLL_SECONDS} s for other instances') and the {@link ChangeRetention} the service's loop
 * prunes with ({@code fieldsync.changes.retention}).
 */
@Factory
public class ChangeFeedFactory {
    /** How often a waiting reader looks at the log for changes another instance committed. */
    static final long POLL_SECONDS = 1;

    @Singleton
    ReadChanges readChanges(SqlChangeLog log, FieldsyncSettings settings) {
        return new ChangeFeed(log, settings.integration(), Duration.ofSeconds(POLL_SECONDS));
    }

    @Singleton
    ChangeRetention changeRetention(
            SqlChangeLog log, Clock clock, @Value("${fieldsync.changes.retention:30d}") String retention) {
        return new ChangeRetention(
                log, SettingsReader.positiveDuration("fieldsync.changes.retention", retention), clock);
    }
}
