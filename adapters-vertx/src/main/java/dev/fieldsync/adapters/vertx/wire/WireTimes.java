package dev.fieldsync.adapters.vertx.wire;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/** The two time formats of the wire: UTC instants with 'Z', and local times with their offset. */
public final class WireTimes {
    private WireTimes() {}

    /** {@code 2026-07-01T00:00:00Z}; fractions only when present, so an exclusive bound stays exact. */
    public static String utc(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant);
    }

    /** {@code 2026-07-01T09:00:00+10:00} (a zero offset is written as 'Z'). */
    public static String withOffset(OffsetDateTime time) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time);
    }

    /** Parses a time that must carry an offset. */
    public static OffsetDateTime parseWithOffset(String text) {
        return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }
}
