package dev.fieldsync.app.console;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How the console writes times and durations: UTC to the second, durations in their largest units. */
final class Format {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private Format() {}

    static String time(Instant instant) {
        return instant == null ? "-" : TIME.format(instant);
    }

    static String seconds(long seconds) {
        Duration duration = Duration.ofSeconds(seconds);
        if (seconds < 120) {
            return seconds + " s";
        }
        if (duration.toHours() < 2) {
            return duration.toMinutes() + " min";
        }
        return duration.toHours() + " h " + duration.toMinutesPart() + " min";
    }
}
