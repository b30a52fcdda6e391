package dev.fieldsync.domain.key;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * A gateway API key. It is a password: {@link #toString()} shows only the prefix and the last four
 * characters, and equality is checked in constant time.
 */
public final class ApiKey {
    public static final String PREFIX = "fi_pk_";
    private static final int MIN_SECRET_LENGTH = 8;
    private static final int MAX_MODE_LENGTH = 8;

    private final String secret;

    private ApiKey(String secret) {
        this.secret = secret;
    }

    /**
     * Accepts a key of the form {@code fi_pk_<mode>_<secret>}. The message of a refusal never contains
     * the key itself.
     */
    public static ApiKey of(String value) {
        String problem = formatProblem(value);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return new ApiKey(value.strip());
    }

    /** Why a text is not a well-formed key, or null when it is one. Never quotes the text. */
    public static String formatProblem(String value) {
        if (value == null || value.isBlank()) {
            return "no API key given: set FIELDSYNC_API_KEY or configure a key file";
        }
        String key = value.strip();
        if (!key.startsWith(PREFIX)) {
            return "the API key does not start with '" + PREFIX + "' (gateway keys look like fi_pk_live_...); "
                    + "check that the whole key was copied";
        }
        if (key.length() < PREFIX.length() + MIN_SECRET_LENGTH) {
            return "the API key is too short (" + key.length() + " characters); check that the whole key was copied";
        }
        if (!key.chars().allMatch(c -> c > 32 && c < 127)) {
            return "the API key contains spaces or non-ASCII characters; check for a stray quote or line break";
        }
        return null;
    }

    /** The value to put in the {@code Authorization: Bearer} header and nowhere else. */
    public String reveal() {
        return secret;
    }

    /** A form safe for logs: the prefix up to the mode, and the last four characters. */
    public String redacted() {
        int modeEnd = secret.indexOf('_', PREFIX.length());
        // Only a short lowercase mode such as "live" or "test" is shown; anything longer may be secret.
        boolean hasMode = modeEnd > PREFIX.length()
                && modeEnd - PREFIX.length() <= MAX_MODE_LENGTH
                && modeEnd < secret.length() - 4
                && secret.substring(PREFIX.length(), modeEnd).chars().allMatch(c -> c >= 'a' && c <= 'z');
        String head = hasMode ? secret.substring(0, modeEnd + 1) : PREFIX;
        return head + "…" + secret.substring(secret.length() - 4);
    }

    /** Constant-time comparison with a presented key. */
    public boolean matches(String presented) {
        if (presented == null) {
            return false;
        }
        return MessageDigest.isEqual(
                secret.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ApiKey key && key.matches(secret);
    }

    @Override
    public int hashCode() {
        return secret.length();
    }

    @Override
    public String toString() {
        return redacted();
    }
}
