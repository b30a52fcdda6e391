package dev.fieldsync.sandbox;

import com.github.f4b6a3.ulid.UlidCreator;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/** Request ids, problem documents and (possibly fault-mangled) answers. */
final class Http {
    static final String REQUEST_ID = "sandbox.requestId";
    static final String FAULT = "sandbox.fault";
    static final String JSON = "application/json";
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.ofPattern(
                    "EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
            .withZone(ZoneOffset.UTC);
    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private Http() {}

    /**
     * First handler of every route: echo a well-formed client id, else generate req_ + ULID; and the {@code Date}
     * header, on the gateway's clock when the answer's headers go out (whole seconds, as HTTP dates are).
     */
    static void assignRequestId(RoutingContext ctx, Clock gatewayClock) {
        String sent = ctx.request().getHeader("X-Request-Id");
        String id = sent != null && CLIENT_ID.matcher(sent).matches()
                ? sent
                : "req_" + UlidCreator.getUlid().toString();
        ctx.put(REQUEST_ID, id);
        ctx.response().putHeader("X-Request-Id", id);
        ctx.addHeadersEndHandler(v -> ctx.response().putHeader("Date", HTTP_DATE.format(gatewayClock.instant())));
        ctx.next();
    }

    static String requestId(RoutingContext ctx) {
        String id = ctx.get(REQUEST_ID);
        return id == null ? "req_" + UlidCreator.getUlid().toString() : id;
    }

    static void problem(RoutingContext ctx, ApiError e) {
        HttpServerResponse r = ctx.response();
        if (r.ended() || r.closed()) {
            return;
        }
        String id = requestId(ctx);
        JsonObject body = new JsonObject()
                .put("type", "https://gateway/errors/" + e.code)
                .put("title", e.getMessage())
                .put("status", e.status)
                .put("instance", id);
        r.setStatusCode(e.status)
                .putHeader("X-Request-Id", id)
                .putHeader("Content-Type", "application/problem+json")
                .end(body.encode());
    }

    static void html(RoutingContext ctx) {
        ctx.response()
                .setStatusCode(502)
                .putHeader("Content-Type", "text/html; charset=utf-8")
                .end(
                        "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
                                + "<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n");
    }

    /** A 2xx answer already rendered to UTF-8 bytes; a drawn response-mangling fault takes the text path below. */
    static void sendBytes(RoutingContext ctx, int status, byte[] json) {
        HttpServerResponse r = ctx.response();
        if (r.ended() || r.closed()) {
            return;
        }
        if (ctx.get(FAULT) instanceof Fault fault
                && (fault == Fault.CONNECTION_RESET
                        || fault == Fault.MALFORMED_JSON
                        || fault == Fault.TRUNCATED_JSON)) {
            send(ctx, status, new String(json, StandardCharsets.UTF_8));
            return;
        }
        r.setStatusCode(status).putHeader("Content-Type", JSON).end(Buffer.buffer(json));
    }

    /** A 2xx answer, subject to the response-mangling faults drawn for this request. */
    static void send(RoutingContext ctx, int status, String json) {
        HttpServerResponse r = ctx.response();
        if (r.ended() || r.closed()) {
            return;
        }
        Fault fault = ctx.get(FAULT);
        if (fault == Fault.CONNECTION_RESET) {
            reset(ctx, status, json);
            return;
        }
        r.setStatusCode(status);
        if (json == null) {
            r.end();
            return;
        }
        r.putHeader("Content-Type", JSON);
        if (fault == Fault.MALFORMED_JSON) {
            r.end(json.replace(':', '=').replace('"', '\''));
        } else if (fault == Fault.TRUNCATED_JSON) {
            r.end(json.substring(0, json.length() / 2));
        } else {
            r.end(json);
        }
    }

    /** Status line and half the body go out, then the connection closes. */
    static void reset(RoutingContext ctx, int status, String json) {
        HttpServerResponse r = ctx.response();
        if (json == null || json.isEmpty()) {
            ctx.request().connection().close();
            return;
        }
        r.setStatusCode(status).setChunked(true).putHeader("Content-Type", JSON);
        r.write(Buffer.buffer(json.substring(0, json.length() / 2)))
                .onComplete(v -> ctx.request().connection().close());
    }

    static void drop(RoutingContext ctx) {
        ctx.request().connection().close();
    }

    /** The failure handler of every route: a problem document for whatever went wrong, never a bare error. */
    static void failure(RoutingContext ctx) {
        Throwable t = ctx.failure();
        if (t instanceof ApiError e) {
            problem(ctx, e);
        } else if (ctx.statusCode() == 413) {
            problem(ctx, ApiError.invalidBody("body too large"));
        } else if (ctx.statusCode() == 404) {
            problem(ctx, ApiError.notFound());
        } else if (ctx.statusCode() == 400) {
            problem(ctx, ApiError.invalidBody("bad request"));
        } else {
            if (t != null) {
                System.err.println("[gateway-sandbox] unexpected failure " + requestId(ctx) + ": " + t);
            }
            problem(ctx, ApiError.internal());
        }
    }

    /** Waits up to 30 s for a start-up step (the server's listen) and turns its failure into an exception. */
    static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("gateway sandbox: " + e.getMessage(), e);
        }
    }
}
