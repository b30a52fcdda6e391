package dev.fieldsync.sandbox.webhook;

import com.github.f4b6a3.ulid.UlidCreator;
import dev.fieldsync.sandbox.ratelimit.ScaledTime;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Delivers webhook events at least once: signed POSTs, retried with (time-scaled) exponential backoff
 * on non-2xx or timeout, optionally each event delivered twice on purpose. The secret is never logged.
 */
public final class WebhookDispatcher {
    public static final int MAX_ATTEMPTS = 4;
    private static final long FIRST_BACKOFF_NANOS = 500_000_000L;

    private record Config(String url, String secret, boolean duplicates) {}

    private final Vertx vertx;
    private final WebClient client;
    private final ScaledTime time;
    private volatile Config config;
    private volatile long timeoutMillis;
    private final AtomicLong attempts = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong abandoned = new AtomicLong();

    public WebhookDispatcher(Vertx vertx, ScaledTime time, long timeoutMillis) {
        this.vertx = vertx;
        this.time = time;
        this.timeoutMillis = timeoutMillis;
        this.client = WebClient.create(vertx, new WebClientOptions().setKeepAlive(false));
    }

    public void configure(String url, String secret, boolean duplicates) {
        if (url == null || secret == null) {
            throw new IllegalArgumentException("webhook url and secret are both required");
        }
        this.config = new Config(url, secret, duplicates);
    }

    public void duplicates(boolean duplicates) {
        Config c = config;
        if (c != null) {
            config = new Config(c.url(), c.secret(), duplicates);
        }
    }

    public void disable() {
        this.config = null;
    }

    public boolean enabled() {
        return config != null;
    }

    public String url() {
        Config c = config;
        return c == null ? null : c.url();
    }

    public boolean duplicatesEnabled() {
        Config c = config;
        return c != null && c.duplicates();
    }

    public void timeoutMillis(long millis) {
        this.timeoutMillis = millis;
    }

    public long attempts() {
        return attempts.get();
    }

    public long delivered() {
        return delivered.get();
    }

    public long abandoned() {
        return abandoned.get();
    }

    /** Emits an event whose "job" member is the given JSON object text. */
    public void emit(String eventType, String jobJson) {
        Config c = config;
        if (c == null) {
            return;
        }
        String eventId = "evt_" + UlidCreator.getUlid().toString();
        String body = "{\"event_id\":\"" + eventId + "\",\"event_type\":\"" + eventType + "\",\"occurred_at\":\""
                + Instant.now() + "\",\"job\":" + jobJson + "}";
        deliver(c, eventId, eventType, body, 1);
        if (c.duplicates()) {
            vertx.setTimer(time.realMillis(50_000_000L), id -> deliver(c, eventId, eventType, body, 1));
        }
    }

    private void deliver(Config c, String eventId, String eventType, String body, int attempt) {
        attempts.incrementAndGet();
        long t = Instant.now().getEpochSecond();
        String signature = "t=" + t + ",v1=" + hmacHex(c.secret(), t + "." + body);
        client.postAbs(c.url())
                .timeout(timeoutMillis)
                .putHeader("Content-Type", "application/json")
                .putHeader("X-FI-Gateway-Event-Id", eventId)
                .putHeader("X-FI-Gateway-Event-Type", eventType)
                .putHeader("X-FI-Gateway-Signature", signature)
                .sendBuffer(Buffer.buffer(body))
                .onComplete(ar -> {
                    if (ar.succeeded() && ar.result().statusCode() / 100 == 2) {
                        delivered.incrementAndGet();
                    } else if (attempt < MAX_ATTEMPTS) {
                        long backoff = FIRST_BACKOFF_NANOS << (attempt - 1);
                        vertx.setTimer(
                                time.realMillis(backoff), id -> deliver(c, eventId, eventType, body, attempt + 1));
                    } else {
                        abandoned.incrementAndGet();
                    }
                });
    }

    public static String hmacHex(String secret, String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
            StringBuilder sb = new StringBuilder(digest.length * 2);
            for (byte b : digest) {
                sb.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
            }
            return sb.toString();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    public void close() {
        client.close();
    }
}
