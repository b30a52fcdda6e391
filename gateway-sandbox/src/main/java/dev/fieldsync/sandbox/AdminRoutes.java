package dev.fieldsync.sandbox;

import dev.fieldsync.sandbox.data.JobJson;
import dev.fieldsync.sandbox.data.Store;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;

/** Admin and oracle endpoints under /_sandbox/: no auth, no rate limit, no faults. */
final class AdminRoutes {
    private static final int DUMP_BATCH = 1_000;

    private final GatewaySandbox sandbox;
    private final Vertx vertx;
    private final SandboxOptions options;

    AdminRoutes(GatewaySandbox sandbox, Vertx vertx, SandboxOptions options) {
        this.sandbox = sandbox;
        this.vertx = vertx;
        this.options = options;
    }

    void mount(Router router) {
        router.get("/_sandbox/stats").handler(ctx -> json(ctx, 200, statsJson(sandbox.stats(), sandbox.store())));
        router.get("/_sandbox/duplicates").handler(this::duplicates);
        router.get("/_sandbox/dump").handler(ctx -> dump(ctx, sandbox.store()));
        router.post("/_sandbox/seed").handler(this::seed);
        router.post("/_sandbox/reset").handler(this::reset);
        router.get("/_sandbox/faults")
                .handler(ctx -> json(ctx, 200, sandbox.faults().toJson()));
        router.put("/_sandbox/faults").handler(this::putFaults);
        router.post("/_sandbox/touch").handler(this::touch);
        router.get("/_sandbox/settings")
                .handler(ctx -> json(ctx, 200, sandbox.settings().toJson()));
        router.put("/_sandbox/settings").handler(this::putSettings);
        new ScopeRoutes(sandbox::scope).mount(router);
        new TenantRoutes(sandbox.tenants()).mount(router);
    }

    static void json(RoutingContext ctx, int status, JsonObject body) {
        ctx.response()
                .setStatusCode(status)
                .putHeader("Content-Type", Http.JSON)
                .end(body.encode());
    }

    static JsonObject statsJson(SandboxStats s, Store store) {
        return new JsonObject()
                .put("total_requests", s.totalRequests())
                .put("rate_limited", s.rateLimited())
                .put("requests_last_minute_by_key", new JsonObject(Map.copyOf(s.requestsLastMinuteByKey())))
                .put(
                        "webhooks",
                        new JsonObject()
                                .put("attempts", s.webhookAttempts())
                                .put("delivered", s.webhooksDelivered())
                                .put("abandoned", s.webhooksAbandoned()))
                .put(
                        "office",
                        new JsonObject()
                                .put("jobs_confirmed", s.jobsConfirmedByScheduler())
                                .put("edits", s.officeEdits())
                                .put("notes_replaced", s.notesReplacedByOffice()))
                .put("jobs", store.jobCount());
    }

    private void duplicates(RoutingContext ctx) {
        JsonArray out = new JsonArray();
        for (Map.Entry<String, List<String>> e : sandbox.duplicateExternalIds().entrySet()) {
            out.add(new JsonObject().put("external_id", e.getKey()).put("job_ids", new JsonArray(e.getValue())));
        }
        json(ctx, 200, new JsonObject().put("duplicates", out));
    }

    /** NDJSON, one job per line in creation order; streamed in batches with back-pressure. */
    static void dump(RoutingContext ctx, Store store) {
        ctx.response().setChunked(true).putHeader("Content-Type", "application/x-ndjson");
        writeFrom(ctx, store, 0);
    }

    private static void writeFrom(RoutingContext ctx, Store store, int from) {
        HttpServerResponse r = ctx.response();
        if (r.ended() || r.closed()) {
            return;
        }
        r.drainHandler(null);
        int i = from;
        while (!r.closed()) {
            byte[] lines;
            synchronized (store) {
                int end = Math.min(store.jobCount(), i + DUMP_BATCH);
                if (i >= end) {
                    r.end();
                    return;
                }
                lines = JobJson.dumpLines(store, i, end);
                i = end;
            }
            r.write(Buffer.buffer(lines));
            if (r.writeQueueFull()) {
                int next = i;
                r.drainHandler(v -> writeFrom(ctx, store, next));
                return;
            }
        }
    }

    static JsonObject body(RoutingContext ctx) {
        Buffer b = ctx.body() == null ? null : ctx.body().buffer();
        if (b == null || b.length() == 0) {
            return new JsonObject();
        }
        try {
            return new JsonObject(b);
        } catch (DecodeException | ClassCastException e) {
            throw ApiError.invalidBody("not a JSON object");
        }
    }

    private void seed(RoutingContext ctx) {
        JsonObject b = body(ctx);
        long seed;
        int jobs;
        Boolean overCap;
        try {
            seed = b.getLong("seed", options.seed());
            jobs = b.getInteger("jobs", options.jobs());
            overCap = b.getBoolean("lookups_over_cap", options.lookupsOverCap());
        } catch (ClassCastException e) {
            throw ApiError.invalidBody("seed and jobs must be numbers, lookups_over_cap a boolean");
        }
        if (jobs < 0 || jobs > 5_000_000) {
            throw ApiError.invalidBody("jobs must be within 0..5000000");
        }
        vertx.executeBlocking(
                        () -> {
                            sandbox.seed(seed, jobs, overCap);
                            return null;
                        },
                        false)
                .onComplete(ar -> {
                    if (ar.succeeded()) {
                        json(ctx, 200, new JsonObject().put("seed", seed).put("jobs", jobs));
                    } else {
                        ctx.fail(ar.cause());
                    }
                });
    }

    private void reset(RoutingContext ctx) {
        vertx.executeBlocking(
                        () -> {
                            sandbox.reset();
                            return null;
                        },
                        false)
                .onComplete(ar -> {
                    if (ar.succeeded()) {
                        ctx.response().setStatusCode(204).end();
                    } else {
                        ctx.fail(ar.cause());
                    }
                });
    }

    private void putFaults(RoutingContext ctx) {
        putFaults(ctx, sandbox.faults());
    }

    static void putFaults(RoutingContext ctx, SandboxFaults faults) {
        JsonObject b = body(ctx);
        try {
            faults.apply(b);
        } catch (IllegalArgumentException e) {
            throw ApiError.invalidBody(e.getMessage());
        }
        json(ctx, 200, faults.toJson());
    }

    private void putSettings(RoutingContext ctx) {
        JsonObject b = body(ctx);
        try {
            sandbox.settings().apply(b);
        } catch (IllegalArgumentException | ClassCastException | NullPointerException e) {
            throw ApiError.invalidBody("bad settings: " + e.getMessage());
        }
        json(ctx, 200, sandbox.settings().toJson());
    }

    private void touch(RoutingContext ctx) {
        JsonObject b = body(ctx);
        Object count = b.getValue("count");
        if (!(count instanceof Number n) || n.longValue() < 0) {
            throw ApiError.invalidBody("count must be a non-negative number");
        }
        int touched = sandbox.touch((int) Math.min(Integer.MAX_VALUE, n.longValue()));
        json(ctx, 200, new JsonObject().put("touched", touched));
    }
}
