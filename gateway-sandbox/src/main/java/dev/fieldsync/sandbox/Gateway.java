package dev.fieldsync.sandbox;

import dev.fieldsync.sandbox.data.Job;
import dev.fieldsync.sandbox.data.State;
import dev.fieldsync.sandbox.data.Store;
import dev.fieldsync.sandbox.ratelimit.RateLimiter;
import dev.fieldsync.sandbox.ratelimit.ScaledTime;
import io.vertx.core.Vertx;
import java.util.function.Supplier;

/**
 * What the /v1 routes work with, handed over by {@link GatewaySandbox} so that no route reaches into its fields:
 * the event loop and time, the rate limiter, the request statistics, the keys, the live settings and faults, the
 * current data, and where to tell that a job was created or changed state (scheduler, webhooks).
 */
record Gateway(
        Vertx vertx,
        ScaledTime time,
        RateLimiter limiter,
        RequestStats stats,
        KeyRing keys,
        SandboxSettings settings,
        SandboxFaults faults,
        Supplier<Store> store,
        Events events) {

    /** What the routes report back. */
    interface Events {
        void jobCreated(Job job);

        void statusChanged(Job job, State from, State to);
    }
}
