package dev.fieldsync.adapters.persistence.sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * A pooled data source plus its dialect, running units of work on one connection: either in one
 * transaction (all or nothing) or in auto-commit mode. Plain JDBC, so the batched page upsert costs one
 * round trip per batch and the stores work the same with or without Micronaut.
 */
public final class Database {
    private final DataSource dataSource;
    private final Dialect dialect;

    private Database(DataSource dataSource, Dialect dialect) {
        this.dataSource = dataSource;
        this.dialect = dialect;
    }

    /** Wraps a data source, asking it once which database it is. */
    public static Database on(DataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource");
        try (Connection connection = dataSource.getConnection()) {
            return new Database(dataSource, Dialect.of(connection));
        } catch (SQLException e) {
            throw new PersistenceException("cannot open a connection to detect the database: " + e.getMessage(), e);
        }
    }

    public Dialect dialect() {
        return dialect;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** One unit of work on a connection. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Runs {@code work} in one transaction: committed when it returns, rolled back when anything throws. */
    public <T> T inTransaction(String operation, Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (Throwable failure) {
                rollbackQuietly(connection, failure);
                throw failure;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new PersistenceException(operation + " failed: " + e.getMessage(), e);
        }
    }

    /** Runs {@code work} in auto-commit mode (single statements, reads). */
    public <T> T autoCommit(String operation, Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            if (!connection.getAutoCommit()) {
                connection.setAutoCommit(true);
            }
            return work.run(connection);
        } catch (SQLException e) {
            throw new PersistenceException(operation + " failed: " + e.getMessage(), e);
        }
    }

    private static void rollbackQuietly(Connection connection, Throwable failure) {
        try {
            connection.rollback();
        } catch (SQLException rollbackFailure) {
            failure.addSuppressed(rollbackFailure);
        }
    }

    /** True when the driver reports a primary-key or unique-constraint violation (SQLSTATE 23505 on both). */
    public static boolean isDuplicateKey(SQLException e) {
        for (SQLException current = e; current != null; current = current.getNextException()) {
            if ("23505".equals(current.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
