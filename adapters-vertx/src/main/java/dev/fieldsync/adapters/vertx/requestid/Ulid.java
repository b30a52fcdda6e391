package dev.fieldsync.adapters.vertx.requestid;

import com.github.f4b6a3.ulid.UlidFactory;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * Our own {@code X-Request-Id}: ULIDs (26 characters of Crockford base32, 48 bits of milliseconds then 80 random
 * bits) made by the ulid-creator library on our clock. They sort by time, so log lines and gateway ids line up.
 * Thread-safe.
 */
public final class Ulid {
    private static final String DIGITS = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    public static final int LENGTH = 26;

    private final Clock clock;
    private final UlidFactory factory;

    public Ulid(Clock clock, RandomGenerator random) {
        this.clock = Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(random, "random");
        // A RandomGenerator need not be thread-safe; the factory draws from it on every caller's thread.
        LongSupplier bits = () -> {
            synchronized (random) {
                return random.nextLong();
            }
        };
        this.factory = UlidFactory.newInstance(bits);
    }

    /** System clock and a {@link SecureRandom}. */
    public static Ulid create() {
        return new Ulid(Clock.systemUTC(), new SecureRandom());
    }

    public String next() {
        return factory.create(clock.millis()).toString();
    }

    /**
     * True when {@code text} is a ULID in the canonical form we send: 26 upper-case Crockford base32 characters.
     * Stricter than the library's {@code Ulid.isValid}, which also takes lower case and the I/L/O aliases.
     */
    public static boolean isUlid(String text) {
        if (text == null || text.length() != LENGTH) {
            return false;
        }
        for (int i = 0; i < LENGTH; i++) {
            if (DIGITS.indexOf(text.charAt(i)) < 0) {
                return false;
            }
        }
        return text.charAt(0) <= '7';
    }
}
