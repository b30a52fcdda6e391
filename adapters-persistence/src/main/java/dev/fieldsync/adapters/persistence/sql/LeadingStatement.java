package dev.fieldsync.adapters.persistence.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * A statement (or a few) that may travel ahead of another in the same round trip: the PostgreSQL driver sends a
 * prepared text of several statements, its parameters numbered across all of them, as one message, and hands back
 * their results in order. Whoever sends it reports the first statement's update count back ({@link #updated}).
 */
public final class LeadingStatement {
    /** Binds the statement's parameters from index {@code first} on. */
    @FunctionalInterface
    public interface Binder {
        void bind(PreparedStatement statement, int first) throws SQLException;
    }

    private final String sql;
    private final int parameters;
    private final Binder binder;
    private int updated = -1;

    public LeadingStatement(String sql, int parameters, Binder binder) {
        this.sql = sql;
        this.parameters = parameters;
        this.binder = binder;
    }

    /** Its text followed by the separator, to put in front of the statement it travels with. */
    public String prefix() {
        return sql + "; ";
    }

    /** How many parameters it binds: the statement behind it numbers its own from here + 1. */
    public int parameters() {
        return parameters;
    }

    public void bind(PreparedStatement statement) throws SQLException {
        binder.bind(statement, 1);
    }

    /** Runs it alone on {@code connection} (its own round trip). */
    public void run(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement);
            statement.execute(); // the first statement's count comes first; a later one's failure throws
            updated(statement.getUpdateCount());
        }
    }

    /** Reports the first statement's update count, once it ran (here or ahead of another). */
    public void updated(int count) {
        updated = count;
    }

    /** The first statement's update count, -1 until it ran. */
    public int updatedCount() {
        return updated;
    }
}
