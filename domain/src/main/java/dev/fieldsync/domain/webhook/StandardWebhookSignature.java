package dev.fieldsync.domain.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The Standard Webhooks signature (standardwebhooks.com) on the deliveries we send: headers
 * {@code webhook-id}, {@code webhook-timestamp} (unix seconds) and {@code webhook-signature}, whose value is
 * {@code v1,<base64 HMAC-SHA256 of "{id}.{timestamp}.{raw body}">}, one per secret, separated by spaces (two
 * during a key rotation). {@link #verify} is what a receiver does (our tests and the documented snippet).
 */
public final class StandardWebhookSignature {
    public static final String ID_HEADER = "webhook-id";
    public static final String TIMESTAMP_HEADER = "webhook-timestamp";
    public static final String SIGNATURE_HEADER = "webhook-signature";
    /** Receivers refuse a timestamp further than this from their clock (the specification's advice). */
    public static final Duration TOLERANCE = WebhookSignature.TOLERANCE;

    private static final String VERSION = "v1";

    /** The three header values of one delivery. */
    public record Headers(String id, String timestamp, String signature) {}

    private StandardWebhookSignature() {}

    /** Signs a delivery with every given secret (the current one first, then the next during a rotation). */
    public static Headers sign(String id, Instant timestamp, byte[] body, List<WebhookSecret> secrets) {
        requireId(id);
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("a signed delivery needs at least one secret");
        }
        String seconds = Long.toString(timestamp.getEpochSecond());
        List<String> signatures = new ArrayList<>(secrets.size());
        for (WebhookSecret secret : secrets) {
            signatures.add(VERSION + "," + Base64.getEncoder().encodeToString(mac(secret, id, seconds, body)));
        }
        return new Headers(id, seconds, String.join(" ", signatures));
    }

    /** Checks a received delivery against any of the receiver's secrets. */
    public static WebhookSignature.Verdict verify(
            Headers headers, byte[] body, List<WebhookSecret> secrets, Instant now) {
        if (secrets.isEmpty()) {
            return WebhookSignature.Verdict.refused("no webhook secret is configured");
        }
        if (blank(headers.id()) || blank(headers.timestamp()) || blank(headers.signature())) {
            return WebhookSignature.Verdict.refused(
                    "missing " + ID_HEADER + ", " + TIMESTAMP_HEADER + " or " + SIGNATURE_HEADER + " header");
        }
        long seconds;
        try {
            seconds = Long.parseLong(headers.timestamp().strip());
        } catch (NumberFormatException notANumber) {
            return WebhookSignature.Verdict.refused(TIMESTAMP_HEADER + " is not unix seconds");
        }
        if (Math.abs(now.getEpochSecond() - seconds) > TOLERANCE.toSeconds()) {
            return WebhookSignature.Verdict.refused(TIMESTAMP_HEADER + " is more than " + TOLERANCE.toSeconds()
                    + " s from our clock: stale or replayed delivery");
        }
        for (WebhookSecret secret : secrets) {
            byte[] expected = mac(secret, headers.id(), headers.timestamp().strip(), body);
            for (String presented : headers.signature().strip().split(" +")) {
                if (presented.startsWith(VERSION + ",") && matches(expected, presented.substring(3))) {
                    return WebhookSignature.Verdict.ok();
                }
            }
        }
        return WebhookSignature.Verdict.refused("signature does not match any configured secret");
    }

    private static boolean matches(byte[] expected, String base64) {
        try {
            return Hmac.same(expected, Base64.getDecoder().decode(base64));
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }

    private static byte[] mac(WebhookSecret secret, String id, String seconds, byte[] body) {
        return Hmac.sha256(secret, (id + "." + seconds + ".").getBytes(StandardCharsets.UTF_8), body);
    }

    private static void requireId(String id) {
        if (blank(id)) {
            throw new IllegalArgumentException("a signed delivery needs a " + ID_HEADER);
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
