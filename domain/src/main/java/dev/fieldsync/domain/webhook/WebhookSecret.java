package dev.fieldsync.domain.webhook;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A webhook signing secret; never printed ({@link #toString()} is redacted). */
public final class WebhookSecret {
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

    byte[] bytes() {
        return Arrays.copyOf(bytes, bytes.length);
    }

    @Override
    public String toString() {
        return "WebhookSecret[redacted]";
    }
}
