package dev.fieldsync.app.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The SHA-256 hash of an API token, written {@code sha256:<64 hex digits>}: what the configuration holds instead
 * of the token. A plain SHA-256 is enough because the tokens fieldsync issues carry 256 random bits: nobody can
 * guess one from its hash (there is no dictionary of likely tokens to try), so a slow password hash (bcrypt,
 * Argon2) would only add its cost to every request. Compared in constant time.
 */
public final class TokenHash {
    public static final String PREFIX = "sha256:";
    private static final HexFormat HEX = HexFormat.of();

    private final byte[] digest;

    private TokenHash(byte[] digest) {
        this.digest = digest;
    }

    /** The hash of a token as presented (or read from stdin). */
    public static TokenHash of(String token) {
        return new TokenHash(sha256(token));
    }

    /** {@code sha256:<64 hex digits>} read back; empty when the text is not of that form. */
    public static Optional<TokenHash> parse(String text) {
        String value = text.strip();
        if (!value.startsWith(PREFIX) || value.length() != PREFIX.length() + 64) {
            return Optional.empty();
        }
        try {
            return Optional.of(new TokenHash(HEX.parseHex(value.substring(PREFIX.length()))));
        } catch (IllegalArgumentException notHex) {
            return Optional.empty();
        }
    }

    /** True when {@code presentedDigest} (from {@link #digestOf}) is this hash; takes the same time either way. */
    public boolean matches(byte[] presentedDigest) {
        return MessageDigest.isEqual(digest, presentedDigest);
    }

    public static byte[] digestOf(String token) {
        return sha256(token);
    }

    /** {@code sha256:<hex>}, as the configuration writes it. */
    public String text() {
        return PREFIX + HEX.formatHex(digest);
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JVM has SHA-256", impossible);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TokenHash hash && MessageDigest.isEqual(digest, hash.digest);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(digest);
    }

    /** Never the digest: a log line of the settings names tokens and scopes only. */
    @Override
    public String toString() {
        return "TokenHash[sha256]";
    }
}
