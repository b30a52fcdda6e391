package dev.fieldsync.adapters.persistence.sql;

import io.micronaut.data.connection.ConnectionOperations;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.transaction.TransactionOperations;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Plain JDBC statements on the connection Micronaut Data manages: {@link #inTransaction} runs them in the current
 * Micronaut Data transaction (or a new one), so they commit together with repository calls made inside; {@link
 * #onConnection} uses the current transaction's connection if any, else a pooled one in auto-commit mode. Failures
 * become a {@link PersistenceException} naming the operation.
 */
public final class Jdbc {
    private Jdbc() {}

    /** Statements on one connection. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Runs {@code work} in a Micronaut Data transaction: joins the current one, else commits when it returns and rolls back when anything throws. */
    public static <T> T inTransaction(TransactionOperations<Connection> transactions, String operation, Work<T> work) {
        try {
            return transactions.executeWrite(status -> work.run(status.getConnection()));
        } catch (Exception e) {
            throw translate(operation, e);
        }
    }

    /** Runs {@code work} on the current connection (inside a transaction) or on a pooled one in auto-commit mode. */
    public static <T> T onConnection(ConnectionOperations<Connection> connections, String operation, Work<T> work) {
        try {
            return connections.executeWrite(status -> {
                try {
                    return work.run(status.getConnection());
                } catch (SQLException e) {
                    throw new PersistenceException(operation + " failed: " + e.getMessage(), e);
                }
            });
        } catch (Exception e) {
            throw translate(operation, e);
        }
    }

    /** SQL and Micronaut Data failures become a {@link PersistenceException}; other runtime exceptions (bad input) pass unchanged. */
    public static RuntimeException translate(String operation, Exception e) {
        if (e instanceof PersistenceException persistence) {
            return persistence;
        }
        if (e instanceof SQLException || e instanceof DataAccessException) {
            return new PersistenceException(operation + " failed: " + e.getMessage(), e);
        }
        if (e instanceof RuntimeException runtime) {
            return runtime;
        }
        return new PersistenceException(operation + " failed: " + e.getMessage(), e);
    }
}
