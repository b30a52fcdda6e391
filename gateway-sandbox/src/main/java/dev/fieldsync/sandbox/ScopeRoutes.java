package dev.fieldsync.sandbox;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code GET /_sandbox/scope} (the ids out of the keys' scope) and {@code POST /_sandbox/scope}: moves jobs out
 * ({@code out}: ids, or {@code out_share} with an optional {@code seed}) and back ({@code in}: ids, or
 * {@code in_all: true}), answering what moved and how many are out now.
 */
final class ScopeRoutes {
    private final Supplier<SandboxScope> scope;

    ScopeRoutes(Supplier<SandboxScope> scope) {
        this.scope = scope;
    }

    void mount(Router router) {
        router.get("/_sandbox/scope").handler(this::show);
        router.post("/_sandbox/scope").handler(this::move);
    }

    private void show(RoutingContext ctx) {
        List<String> out = scope.get().outOfScope();
        Http.send(
                ctx,
                200,
                new JsonObject()
                        .put("out_of_scope", out.size())
                        .put("job_ids", new JsonArray(out))
                        .encode());
    }

    private void move(RoutingContext ctx) {
        JsonObject body = AdminRoutes.body(ctx);
        SandboxScope current = scope.get();
        List<String> movedOut = new ArrayList<>();
        List<String> movedIn = new ArrayList<>();
        if (body.containsKey("out")) {
            movedOut.addAll(current.moveOut(ids(body, "out")));
        }
        if (body.containsKey("out_share")) {
            if (!(body.getValue("out_share") instanceof Number share)
                    || !(share.doubleValue() >= 0 && share.doubleValue() <= 1)) {
                throw ApiError.invalidBody("out_share must be a number within 0..1, e.g. 0.02 for 2 % of the jobs");
            }
            if (body.containsKey("seed") && !(body.getValue("seed") instanceof Number)) {
                throw ApiError.invalidBody("seed must be a number");
            }
            long seed = body.containsKey("seed") ? body.getLong("seed") : 1L;
            movedOut.addAll(current.moveOutShare(share.doubleValue(), seed));
        }
        if (body.containsKey("in")) {
            movedIn.addAll(current.moveIn(ids(body, "in")));
        }
        if (Boolean.TRUE.equals(body.getValue("in_all"))) {
            movedIn.addAll(current.moveAllIn());
        }
        if (!body.containsKey("out")
                && !body.containsKey("out_share")
                && !body.containsKey("in")
                && !body.containsKey("in_all")) {
            throw ApiError.invalidBody("name what to move: out (job ids), out_share (0..1, with seed), in (job ids) "
                    + "or in_all (true)");
        }
        Http.send(
                ctx,
                200,
                new JsonObject()
                        .put("moved_out", new JsonArray(movedOut))
                        .put("moved_in", new JsonArray(movedIn))
                        .put("out_of_scope", current.outOfScope().size())
                        .encode());
    }

    private static List<String> ids(JsonObject body, String member) {
        if (!(body.getValue(member) instanceof JsonArray array)) {
            throw ApiError.invalidBody(member + " must be an array of job ids, e.g. [\"21170000\"]");
        }
        List<String> ids = new ArrayList<>();
        for (Object id : array) {
            if (!(id instanceof String text)) {
                throw ApiError.invalidBody(member + " must hold job ids as strings, e.g. [\"21170000\"]");
            }
            ids.add(text);
        }
        return ids;
    }
}
