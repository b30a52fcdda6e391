package dev.fieldsync.adapters.vertx.gateway;

import dev.fieldsync.adapters.vertx.gateway.Attempt.Answer;
import dev.fieldsync.adapters.vertx.gateway.Attempt.NoAnswer;
import dev.fieldsync.adapters.vertx.gateway.BoundedBodyCodec.BoundedBody;
import dev.fieldsync.adapters.vertx.gateway.Signal.TransportFailure;
import dev.fieldsync.adapters.vertx.wire.ProblemWire;
import dev.fieldsync.domain.key.ApiKey;
import dev.fieldsync.domain.problem.GatewayProblem;
import dev.fieldsync.ports.out.gateway.GatewayOperation;
import dev.fieldsync.ports.out.gateway.GatewayUnavailableException;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLHandshakeException;

/**
 * Sends one attempt over the Vert.x Web Client, in one OpenTelemetry span (method, route template, status, retry
 * count, budget wait, both request ids) whose context travels to the gateway (W3C {@code traceparent} by default),
 * and tells an answer from a transport failure.
 */
final class AttemptSender {
    static final String REQUEST_ID = "X-Request-Id";

    private final WebClient client;
    private final URI baseUrl;
    private final String basePath;
    private final long maxResponseBytes;
    private final Tracer tracer;
    private final TextMapPropagator propagator;
    private final Clock clock;
    private final DateHeaderClock gatewayClock;

    AttemptSender(
            WebClient client,
            URI baseUrl,
            long maxResponseBytes,
            Tracer tracer,
            TextMapPropagator propagator,
            Clock clock,
            DateHeaderClock gatewayClock) {
        this.client = client;
        this.baseUrl = baseUrl;
        String path = baseUrl.getRawPath() == null ? "" : baseUrl.getRawPath();
        this.basePath = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        this.maxResponseBytes = maxResponseBytes;
        this.tracer = tracer;
        this.propagator = propagator;
        this.clock = clock;
        this.gatewayClock = gatewayClock;
    }

    String host() {
        return baseUrl.getHost();
    }

    Attempt attempt(
            Request<?> request, ApiKey key, String requestId, Duration timeout, int retryCount, Duration waited) {
        GatewayOperation operation = request.operation();
        Span span = tracer.spanBuilder(operation.label())
                .setSpanKind(SpanKind.CLIENT)
                .setAttribute("http.request.method", operation.method().name())
                .setAttribute("url.template", operation.template())
                .setAttribute("http.route", operation.template())
                .setAttribute("server.address", baseUrl.getHost())
                .setAttribute("fieldsync.retry_count", (long) retryCount)
                .setAttribute("fieldsync.budget_wait_ms", waited.toMillis())
                .setAttribute("fieldsync.request_id", requestId)
                .startSpan();
        try {
            Attempt attempt = send(
                    request,
                    key,
                    requestId,
                    timeout,
                    io.opentelemetry.context.Context.current().with(span));
            if (attempt instanceof Answer answer) {
                span.setAttribute("http.response.status_code", (long) answer.status());
                answer.gatewayRequestId().ifPresent(id -> span.setAttribute("fieldsync.gateway_request_id", id));
                if (answer.status() >= 400) {
                    span.setAttribute(
                            "error.type",
                            answer.problem().map(GatewayProblem::codeName).orElse(Integer.toString(answer.status())));
                    span.setStatus(StatusCode.ERROR);
                }
            } else if (attempt instanceof NoAnswer noAnswer) {
                span.setAttribute("error.type", noAnswer.failure().name().toLowerCase(Locale.ROOT));
                span.setStatus(StatusCode.ERROR);
            }
            return attempt;
        } finally {
            span.end();
        }
    }

    private Attempt send(
            Request<?> call, ApiKey key, String requestId, Duration timeout, io.opentelemetry.context.Context trace) {
        HttpRequest<BoundedBody> request = client.requestAbs(
                        HttpMethod.valueOf(call.operation().method().name()), absolute(call.path()))
                .as(new BoundedBodyCodec(maxResponseBytes))
                .putHeader("Authorization", "Bearer " + key.reveal())
                .putHeader(REQUEST_ID, requestId)
                .putHeader("Accept", "application/json, application/problem+json")
                .idleTimeout(Math.max(1, timeout.toMillis()));
        call.query().forEach(parameter -> request.addQueryParam(parameter.getKey(), parameter.getValue()));
        propagator.inject(trace, request, (outgoing, name, value) -> outgoing.putHeader(name, value));
        Instant sent = clock.instant();
        Future<HttpResponse<BoundedBody>> pending = call.body().isPresent()
                ? request.putHeader("Content-Type", "application/json")
                        .sendBuffer(call.body().get().toBuffer())
                : request.send();
        try {
            HttpResponse<BoundedBody> response = pending.toCompletionStage()
                    .toCompletableFuture()
                    .get(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
            gatewayClock.record(sent, clock.instant(), response.getHeader("Date"));
            Optional<String> gatewayRequestId =
                    Optional.ofNullable(response.getHeader(REQUEST_ID)).filter(id -> !id.isBlank());
            String contentType =
                    Optional.ofNullable(response.getHeader("Content-Type")).orElse("");
            BoundedBody body = response.body() == null ? new BoundedBody(Buffer.buffer(), false, 0) : response.body();
            Optional<GatewayProblem> problem = response.statusCode() >= 400 && !body.overflowed()
                    ? ProblemWire.read(body.bytes(), response.statusCode(), gatewayRequestId, Optional.of(requestId))
                    : Optional.empty();
            return new Answer(response.statusCode(), contentType, body, gatewayRequestId, problem);
        } catch (TimeoutException e) {
            return new NoAnswer(TransportFailure.TIMED_OUT, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return new NoAnswer(transportFailure(cause), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GatewayUnavailableException(
                    call.operation().label(),
                    "interrupted while waiting for the answer",
                    Optional.of(requestId),
                    Optional.empty(),
                    e);
        }
    }

    /** Sorts a Vert.x failure: only failures before the connection existed prove the request never left. */
    static TransportFailure transportFailure(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof ConnectException
                    || t instanceof UnknownHostException
                    || t instanceof NoRouteToHostException
                    || t instanceof SSLHandshakeException) {
                return TransportFailure.NOT_SENT;
            }
            String name = t.getClass().getSimpleName().toLowerCase(Locale.ROOT);
            String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (name.contains("timeout") || message.contains("timeout") || message.contains("timed out")) {
                return TransportFailure.TIMED_OUT;
            }
        }
        return TransportFailure.CONNECTION_LOST;
    }

    private String absolute(String path) {
        return baseUrl.getScheme() + "://" + baseUrl.getRawAuthority() + basePath + path;
    }
}
