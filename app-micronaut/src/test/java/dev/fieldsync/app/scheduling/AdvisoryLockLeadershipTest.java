package dev.fieldsync.app.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Two instances on one PostgreSQL: exactly one leads sync; when it stops, the other takes over. */
class AdvisoryLockLeadershipTest {
    private static final DataSource POSTGRES = new DataSource() {
        @Override
        public Connection getConnection() throws SQLException {
            return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "");
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {}

        @Override
        public void setLoginTimeout(int seconds) {}

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() {
            return Logger.getGlobal();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return false;
        }
    };

    @Test
    void exactlyOneInstanceLeadsAndTheOtherTakesOverWhenItStops() {
        String integration = "lock-test-" + System.nanoTime();
        try (AdvisoryLockLeadership first = new AdvisoryLockLeadership(POSTGRES, integration);
                AdvisoryLockLeadership second = new AdvisoryLockLeadership(POSTGRES, integration);
                AdvisoryLockLeadership otherIntegration = new AdvisoryLockLeadership(POSTGRES, integration + "-b")) {
            assertThat(first.tryLead()).isTrue();
            assertThat(second.tryLead()).isFalse();
            assertThat(first.tryLead()).as("the leader keeps leading").isTrue();
            assertThat(otherIntegration.tryLead())
                    .as("another integration syncs independently")
                    .isTrue();
            first.close();
            assertThat(first.isLeader()).isFalse();
            assertThat(second.tryLead()).isTrue();
        }
    }
}
