package dev.fieldsync.adapters.vertx.webhook;

import dev.fieldsync.domain.webhook.StandardWebhookSignature;
import dev.fieldsync.ports.out.delivery.ChangeSink;
import dev.fieldsync.ports.out.delivery.Delivery;
import dev.fieldsync.ports.out.delivery.DeliveryAttempt;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.codec.BodyCodec;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Delivers changes to one webhook endpoint with the Vert.x Web Client: each change is one {@code POST} of its
 * JSON document, signed per Standard Webhooks ({@code webhook-id} = the change id, {@code webhook-timestamp},
 * {@code webhook-signature}); a 2xx answer within the timeout is delivered, anything else (another status, a
 * timeout, a refused or lost connection) a failed attempt, and the rest of the batch is not sent. The answer's
 * body is discarded unread. Blocks the calling thread: call it from a worker, never from an event loop.
 */
public final class WebhookSink implements ChangeSink, AutoCloseable {
    private final WebhookTarget target;
    private final Clock clock;
    private final WebClient client;

    public WebhookSink(Vertx vertx, WebhookTarget target, Clock clock) {
        this.target = target;
        this.clock = clock;
        WebClientOptions options = new WebClientOptions()
                .setSsl("https".equalsIgnoreCase(target.url().getScheme()))
                .setKeepAlive(true)
                .setFollowRedirects(false)
                .setUserAgent("fieldsync-webhooks")
                .setConnectTimeout((int) Math.max(1, Math.min(target.timeout().toMillis(), 10_000)));
        this.client = WebClient.create(vertx, options, new PoolOptions().setHttp1MaxSize(1));
    }

    @Override
    public List<DeliveryAttempt> deliver(List<Delivery> batch) {
        List<DeliveryAttempt> attempts = new ArrayList<>(batch.size());
        for (Delivery delivery : batch) {
            DeliveryAttempt attempt = post(delivery);
            attempts.add(attempt);
            if (!attempt.delivered()) {
                break;
            }
        }
        return attempts;
    }

    /** Names the integration the change belongs to (also in the body), for a receiver that routes before parsing. */
    public static final String INTEGRATION_HEADER = "fieldsync-integration";

    private DeliveryAttempt post(Delivery delivery) {
        byte[] body = delivery.body().getBytes(StandardCharsets.UTF_8);
        StandardWebhookSignature.Headers signed =
                StandardWebhookSignature.sign(delivery.id(), clock.instant(), body, target.secrets());
        long timeoutMillis = Math.max(1, target.timeout().toMillis());
        long started = System.nanoTime();
        try {
            HttpResponse<Void> response = client.postAbs(target.url().toString())
                    .as(BodyCodec.none())
                    .putHeader("Content-Type", "application/json")
                    .putHeader(INTEGRATION_HEADER, delivery.integration())
                    .putHeader(StandardWebhookSignature.ID_HEADER, signed.id())
                    .putHeader(StandardWebhookSignature.TIMESTAMP_HEADER, signed.timestamp())
                    .putHeader(StandardWebhookSignature.SIGNATURE_HEADER, signed.signature())
                    .idleTimeout(timeoutMillis)
                    .sendBuffer(Buffer.buffer(body))
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(timeoutMillis, TimeUnit.MILLISECONDS);
            Duration latency = since(started);
            OptionalInt status = OptionalInt.of(response.statusCode());
            return response.statusCode() / 100 == 2
                    ? DeliveryAttempt.delivered(delivery.id(), status, latency)
                    : DeliveryAttempt.failed(delivery.id(), status, "HTTP " + response.statusCode(), latency);
        } catch (TimeoutException timedOut) {
            return DeliveryAttempt.failed(
                    delivery.id(), OptionalInt.empty(), "no answer within " + timeoutMillis + " ms", since(started));
        } catch (ExecutionException failed) {
            Throwable cause = failed.getCause() == null ? failed : failed.getCause();
            String detail = cause.getClass().getSimpleName().contains("Timeout")
                    ? "no answer within " + timeoutMillis + " ms"
                    : describe(cause);
            return DeliveryAttempt.failed(delivery.id(), OptionalInt.empty(), detail, since(started));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return DeliveryAttempt.failed(
                    delivery.id(), OptionalInt.empty(), "interrupted while waiting for the answer", since(started));
        }
    }

    private static String describe(Throwable cause) {
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }

    private static Duration since(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    @Override
    public void close() {
        client.close();
    }

    @Override
    public String toString() {
        return "WebhookSink[" + target.name() + " -> " + target.url() + "]";
    }
}
