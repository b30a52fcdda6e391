package dev.fieldsync.sandbox;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

/**
 * Admission of a /v1 request: the key (401), the rate limit (held up to 2 s on a timer, then 429), the scope
 * (401) and customers (403 no-scope), then the configured faults and latency before the route runs.
 */
final class Admission {
    private final Gateway gateway;

    Admission(Gateway gateway) {
        this.gateway = gateway;
    }

    private static final long HOLD_NANOS = 2_000_000_000L;
    private static final String GRANT = "sandbox.grant";

    void admit(RoutingContext ctx) {
        String key = bearer(ctx.request().getHeader("Authorization"));
        KeyRing.Grant grant = gateway.keys().get(key);
        if (grant == null) {
            gateway.defaultTenant().requestStats().request();
            throw ApiError.unauthorized();
        }
        SandboxTenant tenant = grant.tenant();
        tenant.requestStats().request();
        Gateway.tenant(ctx, tenant);
        logWhenAnswered(ctx, tenant, key);
        hold(ctx, key, grant, tenant.limiter().now() + HOLD_NANOS);
    }

    /** The tenant's request log gets the request with its status once answered (or dropped: status 0). */
    private void logWhenAnswered(RoutingContext ctx, SandboxTenant tenant, String key) {
        var at = gateway.settings().clock().instant();
        String method = ctx.request().method().name();
        String path = ctx.normalizedPath();
        String label = SandboxKeys.mask(key);
        String cursor = ctx.request().getParam(gateway.settings().cursorParameter());
        ctx.addEndHandler(done -> tenant.log()
                .add(new SandboxRequest(
                        label,
                        method,
                        path,
                        at,
                        gateway.settings().clock().instant(),
                        done.succeeded() ? ctx.response().getStatusCode() : 0,
                        cursor == null || cursor.isEmpty() ? null : cursor,
                        ctx.get(SandboxRequest.NEXT_CURSOR))));
    }

    private static String bearer(String header) {
        if (header == null || header.length() < 8 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String key = header.substring(7).trim();
        return key.isEmpty() ? null : key;
    }

    /** Takes a token from both buckets, or holds the request (on a timer, never blocking) up to 2 s. */
    private void hold(RoutingContext ctx, String key, KeyRing.Grant grant, long deadline) {
        if (ctx.response().closed()) {
            return;
        }
        SandboxTenant tenant = grant.tenant();
        long wait = gateway.settings().rateLimited() ? tenant.limiter().tryAcquire(key) : 0;
        if (wait == 0) {
            admitted(ctx, key, grant);
            return;
        }
        long now = tenant.limiter().now();
        if (now >= deadline) {
            tenant.requestStats().rateLimited();
            Http.problem(ctx, ApiError.rateLimited());
            return;
        }
        long next = Math.min(wait, deadline - now);
        gateway.vertx()
                .setTimer(gateway.time().realMillis(next), t -> guarded(ctx, () -> hold(ctx, key, grant, deadline)));
    }

    private static void guarded(RoutingContext ctx, Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            if (!ctx.response().ended()) {
                ctx.fail(e);
            }
        }
    }

    private void admitted(RoutingContext ctx, String key, KeyRing.Grant grant) {
        grant.tenant().requestStats().admitted(key);
        if (!grant.scopes().contains(scopeOf(ctx))) {
            throw ApiError.unauthorized();
        }
        if (!grant.withCustomers()) {
            throw ApiError.noScope();
        }
        ctx.put(GRANT, grant);
        long latency = grant.tenant().faults().latency();
        if (latency > 0) {
            gateway.vertx().setTimer(latency, t -> guarded(ctx, () -> faults(ctx)));
        } else {
            faults(ctx);
        }
    }

    private static String scopeOf(RoutingContext ctx) {
        HttpMethod m = ctx.request().method();
        if (m == HttpMethod.GET || m == HttpMethod.HEAD) {
            return SandboxKeys.JOBS_READ;
        }
        return ctx.normalizedPath().startsWith("/v1/sites") ? SandboxKeys.SITES_WRITE : SandboxKeys.JOBS_WRITE;
    }

    private void faults(RoutingContext ctx) {
        if (ctx.response().closed()) {
            return;
        }
        SandboxFaults f = Gateway.tenant(ctx).faults();
        HttpMethod m = ctx.request().method();
        boolean write = m == HttpMethod.POST || m == HttpMethod.PATCH || m == HttpMethod.PUT || m == HttpMethod.DELETE;
        if (write && f.writesDisabled()) {
            throw ApiError.writesDisabled();
        }
        if (m == HttpMethod.POST && ctx.normalizedPath().endsWith("/cancel") && f.cancelNotConfigured()) {
            throw ApiError.cancelNotConfigured();
        }
        Fault fault = f.roll();
        switch (fault) {
            case INTERNAL -> throw ApiError.internal();
            case SCHEMA_DRIFT -> throw ApiError.schemaDrift();
            case UPSTREAM_SCOPE_VIOLATION -> throw ApiError.upstreamScopeViolation();
            case UNAVAILABLE -> throw ApiError.unavailable();
            case HTML_ERROR -> Http.html(ctx);
            case HANG -> gateway.vertx().setTimer(Math.max(1, f.hangMillis()), t -> Http.drop(ctx));
            default -> {
                ctx.put(Http.FAULT, fault);
                ctx.next();
            }
        }
    }
}
