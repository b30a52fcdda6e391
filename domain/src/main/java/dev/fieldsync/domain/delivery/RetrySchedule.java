package dev.fieldsync.domain.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How long to wait before each retry of a delivery that failed: {@code delays.get(0)} before the second attempt,
 * and so on; after {@code delays.size() + 1} failed attempts the change is dead-lettered. Written in settings as
 * a comma-separated list of durations ({@code 10s,1m,5m,30m,2h}; units ms, s, m, h, d).
 */
public record RetrySchedule(List<Duration> delays) {
    /** 10 s, 1 min, 5 min, 30 min, 2 h, 6 h: seven attempts over about 8.6 hours. */
    public static final RetrySchedule DEFAULT = parse("10s,1m,5m,30m,2h,6h");

    public RetrySchedule {
        delays = List.copyOf(delays);
        for (Duration delay : delays) {
            if (delay.isNegative() || delay.isZero()) {
                throw new IllegalArgumentException("every retry delay must be positive, not " + delay);
            }
        }
    }

    /** Parses {@code 10s,1m,5m}; an empty text means one attempt, no retry. */
    public static RetrySchedule parse(String text) {
        List<Duration> delays = new ArrayList<>();
        for (String part : text.split(",")) {
            if (!part.isBlank()) {
                delays.add(duration(part.strip()));
            }
        }
        return new RetrySchedule(delays);
    }

    /** Attempts in all before a change is dead-lettered. */
    public int maxAttempts() {
        return delays.size() + 1;
    }

    /** The wait after the {@code failedAttempts}-th failed attempt (1-based), or empty when none is left. */
    public Optional<Duration> delayAfter(int failedAttempts) {
        if (failedAttempts < 1) {
            throw new IllegalArgumentException("failedAttempts counts from 1, not " + failedAttempts);
        }
        return failedAttempts <= delays.size() ? Optional.of(delays.get(failedAttempts - 1)) : Optional.empty();
    }

    @Override
    public String toString() {
        return String.join(",", delays.stream().map(RetrySchedule::format).toList());
    }

    private static Duration duration(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        try {
            if (lower.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(lower.substring(0, lower.length() - 2)));
            }
            long amount = Long.parseLong(lower.substring(0, lower.length() - 1));
            return switch (lower.charAt(lower.length() - 1)) {
                case 's' -> Duration.ofSeconds(amount);
                case 'm' -> Duration.ofMinutes(amount);
                case 'h' -> Duration.ofHours(amount);
                case 'd' -> Duration.ofDays(amount);
                default -> throw new NumberFormatException();
            };
        } catch (NumberFormatException | StringIndexOutOfBoundsException bad) {
            throw new IllegalArgumentException("'" + text
                    + "' is not a retry delay: write a number and a unit (ms, s, m, h or d), e.g. 10s,1m,5m");
        }
    }

    private static String format(Duration delay) {
        long millis = delay.toMillis();
        if (millis % 86_400_000 == 0) {
            return millis / 86_400_000 + "d";
        } else if (millis % 3_600_000 == 0) {
            return millis / 3_600_000 + "h";
        } else if (millis % 60_000 == 0) {
            return millis / 60_000 + "m";
        } else if (millis % 1000 == 0) {
            return millis / 1000 + "s";
        }
        return millis + "ms";
    }
}
