package dev.fieldsync.sandbox;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code /_sandbox/tenants}: list and add tenants, and per tenant (by name or by its key's fingerprint) its stats, its
 * request log, its dump and its faults. The single-tenant admin endpoints stay the default tenant's.
 */
final class TenantRoutes {
    private final SandboxTenants tenants;

    TenantRoutes(SandboxTenants tenants) {
        this.tenants = tenants;
    }

    void mount(Router router) {
        router.get("/_sandbox/tenants").handler(this::list);
        router.post("/_sandbox/tenants").handler(this::add);
        router.get("/_sandbox/tenants/:tenant").handler(ctx -> AdminRoutes.json(ctx, 200, summary(tenant(ctx))));
        router.get("/_sandbox/tenants/:tenant/stats").handler(ctx -> {
            SandboxTenant t = tenant(ctx);
            AdminRoutes.json(ctx, 200, AdminRoutes.statsJson(t.stats(), t.store()));
        });
        router.get("/_sandbox/tenants/:tenant/requests").handler(this::requests);
        router.get("/_sandbox/tenants/:tenant/dump")
                .handler(ctx -> AdminRoutes.dump(ctx, tenant(ctx).store()));
        router.get("/_sandbox/tenants/:tenant/faults")
                .handler(ctx -> AdminRoutes.json(ctx, 200, tenant(ctx).faults().toJson()));
        router.put("/_sandbox/tenants/:tenant/faults")
                .handler(ctx -> AdminRoutes.putFaults(ctx, tenant(ctx).faults()));
    }

    private SandboxTenant tenant(RoutingContext ctx) {
        String id = ctx.pathParam("tenant");
        return tenants.find(id).orElseThrow(ApiError::notFound);
    }

    private JsonObject summary(SandboxTenant tenant) {
        SandboxStats stats = tenant.stats();
        return new JsonObject()
                .put("name", tenant.name())
                .put("keys", new JsonArray(tenants.keyLabels(tenant)))
                .put("jobs", tenant.store().jobCount())
                .put("total_requests", stats.totalRequests())
                .put("rate_limited", stats.rateLimited());
    }

    private void list(RoutingContext ctx) {
        JsonArray all = new JsonArray();
        tenants.all().forEach(t -> all.add(summary(t)));
        AdminRoutes.json(ctx, 200, new JsonObject().put("tenants", all));
    }

    /** {@code {name, key, jobs, seed}} adds one tenant; {@code {count, jobs}} seeds that many. */
    private void add(RoutingContext ctx) {
        JsonObject b = AdminRoutes.body(ctx);
        try {
            int jobs = b.getInteger("jobs", 0);
            if (b.containsKey("count")) {
                JsonArray added = new JsonArray();
                tenants.seed(b.getInteger("count"), jobs).forEach(t -> added.add(summary(t)));
                AdminRoutes.json(ctx, 201, new JsonObject().put("tenants", added));
                return;
            }
            SandboxTenant tenant = tenants.add(b.getString("name"), b.getString("key"), jobs, b.getLong("seed", 1L));
            AdminRoutes.json(ctx, 201, summary(tenant));
        } catch (ClassCastException e) {
            throw ApiError.invalidBody("name and key are strings; jobs, seed and count numbers");
        } catch (IllegalArgumentException e) {
            throw ApiError.invalidBody(e.getMessage());
        }
    }

    /** The tenant's request log, oldest first; {@code ?after=N} skips the first N (the next page of a poll). */
    private void requests(RoutingContext ctx) {
        SandboxTenant tenant = tenant(ctx);
        var all = tenant.requests();
        int after;
        try {
            after = Integer.parseInt(
                    ctx.queryParams().get("after") == null
                            ? "0"
                            : ctx.queryParams().get("after"));
        } catch (NumberFormatException e) {
            throw ApiError.invalidQuery("after must be a whole number");
        }
        JsonArray out = new JsonArray();
        for (int i = Math.max(0, after); i < all.size(); i++) {
            SandboxRequest r = all.get(i);
            out.add(new JsonObject()
                    .put("key", r.key())
                    .put("method", r.method())
                    .put("path", r.path())
                    .put("at", r.at().toString())
                    .put("answered_at", r.answeredAt().toString())
                    .put("status", r.status())
                    .put("cursor", r.cursor())
                    .put("next_cursor", r.nextCursor()));
        }
        AdminRoutes.json(
                ctx,
                200,
                new JsonObject()
                        .put("tenant", tenant.name())
                        .put("count", all.size())
                        .put("dropped", tenant.log().dropped())
                        .put("requests", out));
    }
}
