package dev.fieldsync.adapters.persistence.job;

import static dev.fieldsync.ports.out.store.contract.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldsync.adapters.persistence.sql.Dialect;
import dev.fieldsync.adapters.persistence.support.TestDatabase;
import dev.fieldsync.adapters.persistence.wiring.PersistenceAdapters;
import dev.fieldsync.domain.change.ChangeEntry;
import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.domain.id.JobId;
import dev.fieldsync.domain.job.Job;
import dev.fieldsync.domain.job.JobFingerprint;
import dev.fieldsync.domain.job.JobState;
import dev.fieldsync.domain.mirror.MirroredJob;
import dev.fieldsync.ports.out.store.JobChange;
import dev.fieldsync.ports.out.store.contract.Fixtures;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL with the change log on writes a page by inserting the new jobs first and reading only the stored rows
 * of the others ({@link PostgresPageWriter#writeRecordingPrior}). The oracle is the way it was done before: read the
 * stored rows of every job of the page, then {@link PostgresPageWriter#write}. Both run the same pages (new jobs,
 * changed, unchanged, unchanged with a provisional state, a repeated id) on two integrations of one database; the
 * change entries, the write's outcome and the rows left must be the same.
 */
class PostgresRecordingWriteTest {
    private static TestDatabase database;
    private static Connection connection;

    @BeforeAll
    static void migrate() throws SQLException {
        database = TestDatabase.postgres();
        PersistenceAdapters.start(database.properties()).close(); // runs the migrations
        connection = DriverManager.getConnection(database.url(), database.user(), "");
        connection.setAutoCommit(false);
    }

    @AfterAll
    static void close() throws SQLException {
        if (connection != null) {
            connection.close();
        }
        database.close();
    }

    /** One page written both ways: what each wrote. */
    private record Both(Written oracle, Written recording) {}

    private record Written(List<JobChange> changes, List<ChangeEntry> entries, Map<JobId, MirroredJob> rows) {}

    @Test
    void theRecordingWriteMakesTheSameEntriesAsReadingEveryStoredRowFirst() throws SQLException {
        IntegrationId oracle = Fixtures.newIntegration();
        IntegrationId recording = Fixtures.newIntegration();

        Both first = writeBoth(
                oracle,
                recording,
                LongStream.rangeClosed(1, 6).mapToObj(Fixtures::job).toList(),
                T0);
        assertThat(first.recording().entries())
                .hasSize(6)
                .allMatch(entry -> entry.kind().wireName().equals("job.created"));
        assertSame(first);

        markProvisional(oracle, "4", JobState.IN_PROGRESS, T0.plusSeconds(5));
        markProvisional(recording, "4", JobState.IN_PROGRESS, T0.plusSeconds(5));
        List<Job> second = new ArrayList<>();
        second.add(Fixtures.withState(Fixtures.job(1), JobState.IN_PROGRESS, "2")); // changed state
        second.add(Fixtures.job(2).withTitle("Repair pump 2, second visit")); // changed member
        second.add(Fixtures.job(3)); // unchanged
        second.add(Fixtures.job(4)); // unchanged, its provisional state cleared: back to the synced state
        second.add(Fixtures.job(7)); // new
        second.add(Fixtures.job(3)); // repeated: the last occurrence counts
        Both mixed = writeBoth(oracle, recording, second, T0.plusSeconds(60));
        assertThat(mixed.recording().entries())
                .extracting(entry -> entry.kind().wireName())
                .containsExactly("job.state_changed", "job.changed", "job.state_changed", "job.created");
        assertSame(mixed);

        Both unchanged = writeBoth(oracle, recording, List.of(Fixtures.job(5), Fixtures.job(6)), T0.plusSeconds(90));
        assertThat(unchanged.recording().entries()).isEmpty();
        assertSame(unchanged);
    }

    private static void assertSame(Both both) {
        assertThat(both.recording().changes()).isEqualTo(both.oracle().changes());
        assertThat(both.recording().entries()).isEqualTo(both.oracle().entries());
        assertThat(both.recording().rows()).isEqualTo(both.oracle().rows());
    }

    private static Both writeBoth(IntegrationId oracle, IntegrationId recording, List<Job> page, Instant seenAt)
            throws SQLException {
        Map<JobId, Job> unique = new LinkedHashMap<>();
        page.forEach(job -> unique.put(job.id(), job));
        Map<JobId, JobFingerprint> fingerprints = new java.util.HashMap<>();
        page.forEach(job -> fingerprints.put(job.id(), job.fingerprint()));
        Instant listedBefore = seenAt.minusSeconds(1);

        Map<JobId, MirroredJob> priorOracle =
                MirrorChanges.before(connection, Dialect.POSTGRESQL, oracle, unique.keySet());
        List<JobChange> oracleChanges =
                PostgresPageWriter.write(connection, oracle, unique, fingerprints, seenAt, listedBefore);
        List<ChangeEntry> oracleEntries =
                MirrorChanges.of(priorOracle, unique.values(), fingerprints, oracleChanges, seenAt, listedBefore);

        PostgresPageWriter.Recorded recorded = PostgresPageWriter.writeRecordingPrior(
                connection, recording, unique, fingerprints, seenAt, listedBefore);
        List<ChangeEntry> recordedEntries = MirrorChanges.of(
                recorded.before(), unique.values(), fingerprints, recorded.changes(), seenAt, listedBefore);
        connection.commit();
        return new Both(
                new Written(oracleChanges, oracleEntries, rows(oracle)),
                new Written(recorded.changes(), recordedEntries, rows(recording)));
    }

    private static void markProvisional(IntegrationId integration, String job, JobState state, Instant at)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE fs_job SET provisional_state = ?, "
                + "provisional_since = ?, effective_state = ? WHERE integration_id = ? AND job_id = ?")) {
            update.setString(1, state.name());
            update.setObject(2, at.atOffset(java.time.ZoneOffset.UTC));
            update.setString(3, state.name());
            update.setString(4, integration.value());
            update.setString(5, job);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
        connection.commit();
    }

    private static Map<JobId, MirroredJob> rows(IntegrationId integration) throws SQLException {
        Map<JobId, MirroredJob> rows = new LinkedHashMap<>();
        try (PreparedStatement select =
                connection.prepareStatement(JobRows.SELECT + " WHERE integration_id = ? ORDER BY job_id")) {
            select.setString(1, integration.value());
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    MirroredJob job = JobRows.read(row);
                    rows.put(job.job().id(), job);
                }
            }
        }
        return rows;
    }
}
