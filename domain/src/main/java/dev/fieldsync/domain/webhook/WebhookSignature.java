package dev.fieldsync.domain.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Verifies {@code X-FI-Gateway-Signature: t=<unix seconds>,v1=<HMAC-SHA256>} (GATEWAY-API.md §8): the
 * HMAC is over {@code "{t}.{raw body}"}, compared in constant time, hex (or base64) encoded; a timestamp
 * more than five minutes from our clock is refused.
 */
public final class WebhookSignature {
    public static final Duration TOLERANCE = Duration.ofMinutes(5);

    /** The outcome of a check; {@code reason} says why a delivery was refused. */
    public record Verdict(boolean valid, String reason) {
        static Verdict ok() {
            return new Verdict(true, "valid");
        }

        static Verdict refused(String reason) {
            return new Verdict(false, reason);
        }
    }

    private WebhookSignature() {}

    /** Checks a delivery against any of the configured secrets (two during a rotation). */
    public static Verdict verify(String header, byte[] rawBody, List<WebhookSecret> secrets, Instant now) {
        if (secrets.isEmpty()) {
            return Verdict.refused("no webhook secret is configured");
        }
        if (header == null || header.isBlank()) {
            return Verdict.refused("missing X-FI-Gateway-Signature header");
        }
        Optional<String> timestamp = part(header, "t");
        List<String> signatures = parts(header, "v1");
        if (timestamp.isEmpty() || signatures.isEmpty()) {
            return Verdict.refused("malformed signature header: expected t=<unix seconds>,v1=<hmac>");
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.get());
        } catch (NumberFormatException notANumber) {
            return Verdict.refused("malformed signature timestamp");
        }
        Duration skew;
        try {
            skew = Duration.between(Instant.ofEpochSecond(seconds), now).abs();
        } catch (java.time.DateTimeException | ArithmeticException outOfRange) {
            return Verdict.refused("signature timestamp " + seconds + " is out of range");
        }
        if (skew.compareTo(TOLERANCE) > 0) {
            return Verdict.refused("signature timestamp is " + skew.toSeconds() + " s from our clock (limit "
                    + TOLERANCE.toSeconds() + " s): stale or replayed delivery");
        }
        for (WebhookSecret secret : secrets) {
            byte[] expected = hmac(secret, timestamp.get(), rawBody);
            for (String presented : signatures) {
                Optional<byte[]> decoded = decode(presented);
                if (decoded.isPresent() && Hmac.same(expected, decoded.get())) {
                    return Verdict.ok();
                }
            }
        }
        return Verdict.refused("signature does not match any configured secret");
    }

    /** Computes the header value for a body (used by tests and by tools that replay deliveries). */
    public static String sign(WebhookSecret secret, long unixSeconds, byte[] rawBody) {
        String t = Long.toString(unixSeconds);
        return "t=" + t + ",v1=" + HexFormat.of().formatHex(hmac(secret, t, rawBody));
    }

    private static byte[] hmac(WebhookSecret secret, String timestamp, byte[] rawBody) {
        return Hmac.sha256(secret, (timestamp + ".").getBytes(StandardCharsets.UTF_8), rawBody);
    }

    private static Optional<byte[]> decode(String presented) {
        String value = presented.strip();
        if (value.matches("[0-9a-fA-F]{64}")) {
            return Optional.of(HexFormat.of().parseHex(value.toLowerCase(java.util.Locale.ROOT)));
        }
        try {
            return Optional.of(Base64.getDecoder().decode(value));
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }

    private static Optional<String> part(String header, String name) {
        return parts(header, name).stream().findFirst();
    }

    private static List<String> parts(String header, String name) {
        return java.util.Arrays.stream(header.split(","))
                .map(String::strip)
                .filter(p -> p.startsWith(name + "="))
                .map(p -> p.substring(name.length() + 1))
                .toList();
    }
}
