package dev.fieldsync.application;

import java.time.Duration;
import java.util.Objects;

/**
 * How often calls made on a caller's behalf may spend gateway requests (the REST API's refresh and verify).
 *
 * @param requestedRefreshInterval at most one requested lookup refresh (six requests) per this interval
 * @param verifyReuse              a checklist report younger than this is answered again instead of run anew
 * @param forcedVerifyInterval     {@code force=true} runs the checklist at most once per this interval
 */
public record RequestCaps(Duration requestedRefreshInterval, Duration verifyReuse, Duration forcedVerifyInterval) {
    public RequestCaps {
        notNegative("requestedRefreshInterval", requestedRefreshInterval);
        notNegative("verifyReuse", verifyReuse);
        notNegative("forcedVerifyInterval", forcedVerifyInterval);
    }

    /** A requested refresh at most once a minute, a report reused for 5 minutes, forced runs once a minute. */
    public static RequestCaps defaults() {
        return new RequestCaps(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(1));
    }

    private static void notNegative(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, got " + value);
        }
    }
}
