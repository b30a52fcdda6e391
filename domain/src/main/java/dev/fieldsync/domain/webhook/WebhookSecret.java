package dev.fieldsync.domain.webhook;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/** A webhook signing secret; never printed ({@link #toString()} is redacted). */
public final class WebhookSecret {
    /** The prefix of a Standard Webhooks secret. */
    public static final String STANDARD_PREFIX = "whsec_";

    static final int MIN_STANDARD_KEY_BYTES = 24;
    static final int MAX_STANDARD_KEY_BYTES = 64;

    private final byte[] bytes;

    private WebhookSecret(byte[] bytes) {
        this.bytes = bytes;
    }

    public static WebhookSecret of(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("a webhook secret must not be empty");
        }
        return new WebhookSecret(value.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A Standard Webhooks secret, {@code whsec_<base64 of 24 to 64 random bytes>} (the prefix is optional, as
     * the specification's libraries accept it): the HMAC key is the decoded bytes, not the text.
     */
    public static WebhookSecret standard(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("a webhook secret must not be empty: give whsec_<base64 key>");
        }
        String encoded = value.strip().startsWith(STANDARD_PREFIX)
                ? value.strip().substring(STANDARD_PREFIX.length())
                : value.strip();
        byte[] key;
        try {
            key = Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException notBase64) {
            throw new IllegalArgumentException(
                    "a Standard Webhooks secret is whsec_ followed by base64; this one is not base64"
                            + " (make one with: echo whsec_$(head -c 32 /dev/urandom | base64))");
        }
        if (key.length < MIN_STANDARD_KEY_BYTES || key.length > MAX_STANDARD_KEY_BYTES) {
            throw new IllegalArgumentException("a Standard Webhooks secret must decode to "
                    + MIN_STANDARD_KEY_BYTES + " to " + MAX_STANDARD_KEY_BYTES + " bytes; this one has "
                    + key.length + " (make one with: echo whsec_$(head -c 32 /dev/urandom | base64))");
        }
        return new WebhookSecret(key);
    }

    byte[] bytes() {
        return Arrays.copyOf(bytes, bytes.length);
    }

    @Override
    public String toString() {
        return "WebhookSecret[redacted]";
    }
}
