package dev.fieldsync.adapters.persistence.sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/** The databases this adapter supports; the few statements that differ are chosen by it. */
public enum Dialect {
    /** H2 2.x, the embedded default (no {@code SKIP LOCKED}). */
    H2,
    /** PostgreSQL 15 and later, for production and shared budgets. */
    POSTGRESQL;

    /** Tells the dialect from the connection's metadata; any other database is refused with a clear message. */
    public static Dialect of(Connection connection) throws SQLException {
        String product = connection.getMetaData().getDatabaseProductName();
        String folded = product == null ? "" : product.toLowerCase(Locale.ROOT);
        if (folded.contains("postgres")) {
            return POSTGRESQL;
        }
        if (folded.contains("h2")) {
            return H2;
        }
        throw new IllegalStateException("fieldsync persistence supports H2 and PostgreSQL, but the data source is '"
                + product + "'; point datasources.default.url at a jdbc:h2: or jdbc:postgresql: URL");
    }
}
