package dev.fieldsync.sandbox;

import dev.fieldsync.sandbox.data.Job;
import dev.fieldsync.sandbox.data.State;
import dev.fieldsync.sandbox.ratelimit.ScaledTime;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;

/**
 * What the /v1 routes work with, handed over by {@link GatewaySandbox} so that no route reaches into its fields:
 * the event loop and time, the keys (each of one tenant), the live settings, and the default tenant (which counts
 * the requests of unknown keys). Everything else — data, buckets, faults, statistics, events — is the tenant's that
 * {@link Admission} put on the request ({@link #tenant}).
 */
record Gateway(Vertx vertx, ScaledTime time, KeyRing keys, SandboxSettings settings, SandboxTenant defaultTenant) {
    private static final String TENANT = "sandbox.tenant";

    /** What the routes report back. */
    interface Events {
        void jobCreated(Job job);

        void statusChanged(Job job, State from, State to);
    }

    /** The tenant of the request's key (set by admission, before any route runs). */
    static SandboxTenant tenant(RoutingContext ctx) {
        SandboxTenant tenant = ctx.get(TENANT);
        if (tenant == null) {
            throw new IllegalStateException("a /v1 route ran before admission");
        }
        return tenant;
    }

    static void tenant(RoutingContext ctx, SandboxTenant tenant) {
        ctx.put(TENANT, tenant);
    }
}
