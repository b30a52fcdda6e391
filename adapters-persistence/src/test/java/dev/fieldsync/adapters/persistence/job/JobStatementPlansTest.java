package dev.fieldsync.adapters.persistence.job;

import static dev.fieldsync.ports.out.store.contract.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldsync.adapters.persistence.support.TestDatabase;
import dev.fieldsync.adapters.persistence.wiring.PersistenceAdapters;
import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.domain.job.Job;
import dev.fieldsync.domain.sync.SyncCheckpoint;
import dev.fieldsync.domain.sync.SyncWindow;
import dev.fieldsync.ports.out.store.contract.Fixtures;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The H2 page statements reach each row through the primary key (integration_id, job_id), never by testing the
 * ids row by row over the integration's rows (which made each page cost grow with the table: a first sync was
 * quadratic). Checked on H2's plans of the prepared statements ({@code EXPLAIN} shows a parameter as {@code ?n}):
 * the primary key's index condition must use the job id parameters. No timing is involved.
 */
class JobStatementPlansTest {
    private static final String INTEGRATION = "plans-integration";
    private static TestDatabase database;
    private static Connection connection;
    private static String primaryKeyIndex;

    @BeforeAll
    static void migrateAndFill() throws SQLException {
        database = TestDatabase.h2();
        try (PersistenceAdapters stores = PersistenceAdapters.start(database.url(), database.user(), "")) {
            for (IntegrationId integration : List.of(IntegrationId.of(INTEGRATION), Fixtures.newIntegration())) {
                SyncCheckpoint checkpoint =
                        SyncCheckpoint.initial(integration).startPass(new SyncWindow(T0.minusSeconds(60), T0), T0);
                for (int from = 1; from <= 1_000; from += 100) { // enough rows for H2 to choose by cost
                    List<Job> page = LongStream.range(from, from + 100)
                            .mapToObj(Fixtures::job)
                            .toList();
                    stores.jobs().applyPage(integration, page, checkpoint, T0);
                }
            }
        }
        connection = DriverManager.getConnection(database.url(), database.user(), "");
        try (PreparedStatement analyze = connection.prepareStatement("ANALYZE");
                PreparedStatement index = connection.prepareStatement("SELECT INDEX_NAME FROM "
                        + "INFORMATION_SCHEMA.TABLE_CONSTRAINTS WHERE CONSTRAINT_NAME = 'PK_FS_JOB'")) {
            analyze.execute();
            try (ResultSet row = index.executeQuery()) {
                assertThat(row.next())
                        .as("the primary key constraint of fs_job")
                        .isTrue();
                primaryKeyIndex = row.getString(1);
            }
        }
    }

    @AfterAll
    static void close() throws SQLException {
        if (connection != null) {
            connection.close();
        }
        database.close();
    }

    @Test
    void theStoredFingerprintLookupProbesThePrimaryKeyForEveryId() throws SQLException {
        List<String> ids = List.of("101", "202", "303");
        String plan = plan(H2PageWriter.storedStateQuery(ids.size()), statement -> {
            for (int i = 0; i < ids.size(); i++) {
                statement.setString(2 * i + 1, INTEGRATION);
                statement.setString(2 * i + 2, ids.get(i));
            }
        });
        assertThat(primaryKeyCondition(plan)).as(plan).contains("?2", "?4", "?6"); // the job id parameters
    }

    @Test
    void theChangedJobUpdateFindsItsRowByThePrimaryKey() throws SQLException {
        String plan = plan(JobRows.UPDATE, statement -> {
            for (int i = 1; i <= JobRows.CONTENT_COUNT; i++) {
                statement.setObject(i, null);
            }
            statement.setString(JobRows.CONTENT_COUNT + 1, INTEGRATION);
            statement.setString(JobRows.CONTENT_COUNT + 2, "404");
        });
        assertThat(primaryKeyCondition(plan)).as(plan).contains("JOB_ID = ?" + (JobRows.CONTENT_COUNT + 2));
    }

    @Test
    void theProvisionalClearFindsItsRowByThePrimaryKey() throws SQLException {
        String plan = plan(H2PageWriter.CLEAR_PROVISIONAL, statement -> {
            statement.setBoolean(1, true);
            statement.setString(2, INTEGRATION);
            statement.setString(3, "505");
        });
        assertThat(primaryKeyCondition(plan)).as(plan).contains("JOB_ID = ?3");
    }

    /** The index condition H2 puts after the primary key's name ({@code /* PUBLIC.PRIMARY_KEY_n: ... *}{@code /}). */
    private static String primaryKeyCondition(String plan) {
        Matcher condition = Pattern.compile(
                        "/\\* PUBLIC\\." + Pattern.quote(primaryKeyIndex) + ":(.*?)\\*/", Pattern.DOTALL)
                .matcher(plan);
        assertThat(condition.find())
                .as("H2 uses the primary key %s in:%n%s", primaryKeyIndex, plan)
                .isTrue();
        return condition.group(1);
    }

    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    private static String plan(String sql, Binder binder) throws SQLException {
        try (PreparedStatement explain = connection.prepareStatement("EXPLAIN " + sql)) {
            binder.bind(explain);
            try (ResultSet row = explain.executeQuery()) {
                row.next();
                return row.getString(1);
            }
        }
    }
}
