package dev.fieldsync.adapters.persistence.sql;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Column helpers. Instants as {@code TIMESTAMP WITH TIME ZONE} through {@link OffsetDateTime}, which both drivers map natively.
 * Both databases keep microseconds, so stored instants are truncated to micros.
 */
public final class Columns {
    private Columns() {}

    public static void set(PreparedStatement statement, int index, Instant instant) throws SQLException {
        statement.setObject(index, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
    }

    public static void set(PreparedStatement statement, int index, Optional<Instant> instant) throws SQLException {
        if (instant.isPresent()) {
            set(statement, index, instant.get());
        } else {
            statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        }
    }

    /**
     * {@code instant} as ISO-8601 text in whole microseconds, rounded half up as the PostgreSQL driver rounds the
     * {@link OffsetDateTime} that {@link #set} binds (the server's own text input rounds half to even), for values
     * sent as text and cast to {@code TIMESTAMP WITH TIME ZONE} by the statement: both ways store the same
     * microsecond.
     */
    public static String microsText(Instant instant) {
        return instant.plusNanos(500).truncatedTo(ChronoUnit.MICROS).toString();
    }

    public static Optional<Instant> get(ResultSet rows, String column) throws SQLException {
        OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
        return Optional.ofNullable(value).map(OffsetDateTime::toInstant);
    }

    public static Instant require(ResultSet rows, String column) throws SQLException {
        return get(rows, column).orElseThrow(() -> new SQLException("column " + column + " is unexpectedly null"));
    }

    public static void setText(PreparedStatement statement, int index, Optional<String> value) throws SQLException {
        if (value.isPresent()) {
            statement.setString(index, value.get());
        } else {
            statement.setNull(index, Types.VARCHAR);
        }
    }

    public static Optional<String> text(ResultSet rows, String column) throws SQLException {
        return Optional.ofNullable(rows.getString(column));
    }
}
