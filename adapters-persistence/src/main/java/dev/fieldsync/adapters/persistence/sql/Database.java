package dev.fieldsync.adapters.persistence.sql;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The connection pool behind Micronaut Data and the {@link Dialect} it speaks, detected once. It runs no work
 * itself: transactions belong to Micronaut Data ({@code TransactionOperations}); the pool is for the few clients
 * that manage their own connections (Bucket4j's proxy manager, PostgreSQL advisory locks).
 */
public final class Database {
    private final DataSource dataSource;
    private final Dialect dialect;

    private Database(DataSource dataSource, Dialect dialect) {
        this.dataSource = dataSource;
        this.dialect = dialect;
    }

    /** Wraps a data source (Micronaut Data's contextual proxy is unwrapped to the pool), asking it once which database it is. */
    public static Database on(DataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource");
        DataSource pool = DelegatingDataSource.unwrapDataSource(dataSource);
        try (Connection connection = pool.getConnection()) {
            return new Database(pool, Dialect.of(connection));
        } catch (SQLException e) {
            throw new PersistenceException("cannot open a connection to detect the database: " + e.getMessage(), e);
        }
    }

    public Dialect dialect() {
        return dialect;
    }

    /** The pool itself: connections from it take no part in Micronaut Data transactions. */
    public DataSource dataSource() {
        return dataSource;
    }

    /** True when the driver reports a primary-key or unique-constraint violation (SQLSTATE 23505 on both) anywhere in the causes. */
    public static boolean isDuplicateKey(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                for (SQLException current = sql; current != null; current = current.getNextException()) {
                    if ("23505".equals(current.getSQLState())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
