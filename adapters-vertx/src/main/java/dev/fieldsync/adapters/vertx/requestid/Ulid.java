package dev.fieldsync.adapters.vertx.requestid;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Generates ULIDs (26 characters of Crockford base32: 48 bits of milliseconds, 80 random bits) for our own
 * {@code X-Request-Id}. They sort by time, so log lines and gateway ids line up. Thread-safe.
 */
public final class Ulid {
    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final String DIGITS = new String(ALPHABET);
    public static final int LENGTH = 26;

    private final Clock clock;
    private final RandomGenerator random;

    public Ulid(Clock clock, RandomGenerator random) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** System clock and a {@link SecureRandom}. */
    public static Ulid create() {
        return new Ulid(Clock.systemUTC(), new SecureRandom());
    }

    public String next() {
        long millis = clock.millis();
        long high;
        long low;
        synchronized (random) {
            high = random.nextLong() & 0xFFFFL; // 16 bits
            low = random.nextLong();             // 64 bits
        }
        char[] out = new char[LENGTH];
        // 10 characters of time (50 bits, the top two always zero for 48-bit millis).
        for (int i = 9; i >= 0; i--) {
            out[i] = ALPHABET[(int) (millis & 31)];
            millis >>>= 5;
        }
        // 16 characters of randomness: 80 bits = high(16) + low(64), written from the end.
        for (int i = LENGTH - 1; i >= 10; i--) {
            out[i] = ALPHABET[(int) (low & 31)];
            low = (low >>> 5) | ((high & 31) << 59);
            high >>>= 5;
        }
        return new String(out);
    }

    /** True when {@code text} looks like a ULID (26 characters of Crockford base32). */
    public static boolean isUlid(String text) {
        if (text == null || text.length() != LENGTH) {
            return false;
        }
        for (char c : text.toCharArray()) {
            if (DIGITS.indexOf(c) < 0) {
                return false;
            }
        }
        return text.charAt(0) <= '7';
    }
}
