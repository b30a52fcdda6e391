package dev.fieldsync.sandbox;

import dev.fieldsync.sandbox.data.Generator;
import dev.fieldsync.sandbox.data.Store;
import dev.fieldsync.sandbox.ratelimit.ScaledTime;
import dev.fieldsync.sandbox.webhook.WebhookDispatcher;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A local stand-in for the FieldInsight Gateway: a Vert.x Web server speaking GATEWAY-API.md, plus an
 * embedded API for tests. Start with {@link #start(SandboxOptions)}, close when done. Every key belongs to one
 * {@link SandboxTenant} with data, buckets, faults and a request log of its own; the embedded API's data methods
 * ({@link #dump()}, {@link #faults()}, {@link #stats()}, ...) are the {@code default} tenant's, which holds the
 * built-in keys.
 */
public final class GatewaySandbox implements AutoCloseable {
    private static final long SCHEDULER_TICK_MILLIS = 100;
    public static final String DEFAULT_TENANT = "default";

    private final SandboxOptions options;
    private final Vertx vertx;
    private final ScaledTime time;
    private final KeyRing keys = new KeyRing();
    private final SandboxSettings settings;
    private final WebhookDispatcher webhooks;
    private final Generator generator;
    private final SandboxTenant defaultTenant;
    private final SandboxTenants tenants;
    private HttpServer server;
    private long lastTickNanos;

    private GatewaySandbox(SandboxOptions options) {
        this.options = options;
        this.time = new ScaledTime(options.timeScale());
        this.settings = new SandboxSettings(time, options);
        this.generator = new Generator(settings.clock().stamps());
        this.vertx = Vertx.vertx(new VertxOptions()
                .setEventLoopPoolSize(2)
                .setWorkerPoolSize(2)
                .setMaxEventLoopExecuteTime(5)
                .setMaxEventLoopExecuteTimeUnit(TimeUnit.SECONDS));
        this.webhooks = new WebhookDispatcher(vertx, time, options.webhookTimeoutMillis());
        this.defaultTenant = new SandboxTenant(
                DEFAULT_TENANT,
                0,
                options.seed(),
                options.jobs(),
                options.lookupsOverCap(),
                options.faultSeed(),
                generator,
                keys,
                settings,
                time,
                Optional.of(webhooks));
        this.tenants = new SandboxTenants(
                defaultTenant,
                keys,
                (name, index, jobs, seed) -> new SandboxTenant(
                        name,
                        index,
                        seed,
                        jobs,
                        false,
                        seed ^ options.faultSeed(),
                        generator,
                        keys,
                        settings,
                        time,
                        Optional.empty()),
                options.seed());
        keys.reset(defaultTenant);
        configureWebhooksFromOptions();
    }

    /** Generates the data, starts the server and returns once it listens. */
    public static GatewaySandbox start(SandboxOptions options) {
        GatewaySandbox sandbox = new GatewaySandbox(options.copy());
        try {
            sandbox.listen();
        } catch (RuntimeException e) {
            sandbox.close();
            throw e;
        }
        return sandbox;
    }

    private void configureWebhooksFromOptions() {
        if (options.webhookUrl() != null && options.webhookSecret() != null) {
            webhooks.configure(options.webhookUrl(), options.webhookSecret(), options.duplicateWebhooks());
        } else {
            webhooks.disable();
        }
    }

    private void listen() {
        Router router = Router.router(vertx);
        router.route().handler(ctx -> Http.assignRequestId(ctx, settings.clock()));
        router.route().handler(BodyHandler.create(false).setBodyLimit(1 << 20));
        new AdminRoutes(this, vertx, options).mount(router);
        new GatewayRoutes(new Gateway(vertx, time, keys, settings, defaultTenant)).mount(router);
        router.route().failureHandler(Http::failure);
        router.errorHandler(404, ctx -> Http.problem(ctx, ApiError.notFound()));
        router.errorHandler(
                405, ctx -> Http.problem(ctx, new ApiError(405, "method-not-allowed", "Method not allowed")));
        // HTTP/1.1 only, like the gateway's documented API: the JDK client's h2c upgrade of a large streamed
        // answer (the dump) broke its framing ("Frame type(34) ... exceeds MAX_FRAME_SIZE").
        HttpServerOptions serverOptions = new HttpServerOptions()
                .setHost(options.host())
                .setPort(options.port())
                .setTcpNoDelay(true)
                .setHttp2ClearTextEnabled(false);
        server = Http.await(
                vertx.createHttpServer(serverOptions).requestHandler(router).listen());
        lastTickNanos = time.nanos();
        vertx.setPeriodic(SCHEDULER_TICK_MILLIS, id -> schedulerTick());
    }

    // ---- the embedded API -----------------------------------------------------------------------

    /** "http://127.0.0.1:&lt;port&gt;". */
    public String baseUrl() {
        String host = options.host().equals("0.0.0.0") ? "127.0.0.1" : options.host();
        return "http://" + host + ":" + port();
    }

    public int port() {
        return server.actualPort();
    }

    /** Live fault settings (also GET/PUT /_sandbox/faults). */
    public SandboxFaults faults() {
        return defaultTenant.faults();
    }

    /** Live settings: rate limiting on/off, time scale, scheduling rate. */
    public SandboxSettings settings() {
        return settings;
    }

    /** Deliver webhooks to this URL, signed with this secret. */
    public GatewaySandbox webhooks(String url, String secret) {
        webhooks.configure(url, secret, options.duplicateWebhooks());
        return this;
    }

    /** Deliver every event twice (same event id) when true. */
    public GatewaySandbox duplicateWebhooks(boolean duplicates) {
        webhooks.duplicates(duplicates);
        return this;
    }

    public GatewaySandbox disableWebhooks() {
        webhooks.disable();
        return this;
    }

    /** Per-attempt timeout of webhook deliveries, in real milliseconds. */
    public GatewaySandbox webhookTimeoutMillis(long millis) {
        webhooks.timeoutMillis(millis);
        return this;
    }

    /** Sets updated_at = now (and a note) on n distinct random jobs of the default tenant; returns how many. */
    public int touch(int n) {
        return defaultTenant.touch(n);
    }

    /** Moves n random open jobs one step along pending → scheduled → in_progress → completed. */
    public int advance(int n) {
        return defaultTenant.advance(n);
    }

    /**
     * The office edits one job by hand: a new title and/or notes (null keeps each; "" clears the notes), with
     * updated_at = now. False when there is no such job.
     */
    public boolean officeEdit(String id, String newTitle, String newNotes) {
        return defaultTenant.officeEdit(id, newTitle, newNotes);
    }

    /** Moves jobs out of the keys' scope and back (as when a site moves to another customer). */
    public SandboxScope scope() {
        return defaultTenant.scope();
    }

    /** Every job as the gateway holds it (including updated_at, the hidden members and its scope), by id. */
    public List<SandboxJob> dump() {
        return defaultTenant.dump();
    }

    /** One job by id, as the gateway holds it. */
    public Optional<SandboxJob> job(String id) {
        return defaultTenant.job(id);
    }

    /** The default tenant's statistics (unknown keys' requests count there too). */
    public SandboxStats stats() {
        return defaultTenant.stats();
    }

    /** External ids held by more than one job → those job ids. */
    public Map<String, List<String>> duplicateExternalIds() {
        return defaultTenant.duplicateExternalIds();
    }

    /** The tenants: the default one and those added (each with its own key, data, buckets, faults, request log). */
    public SandboxTenants tenants() {
        return tenants;
    }

    /** Accept another key (e.g. for key-rotation tests). Scopes: jobs:read, jobs:write, sites:write. */
    public GatewaySandbox addKey(String key, Set<String> scopes, boolean withCustomers) {
        keys.add(key, scopes, withCustomers, defaultTenant);
        return this;
    }

    public boolean removeKey(String key) {
        return keys.remove(key);
    }

    /**
     * Back to the start-up state: the default tenant's data regenerated, the other tenants removed, faults,
     * settings, keys, buckets, stats, webhooks.
     */
    public synchronized void reset() {
        tenants.removeAdded();
        defaultTenant.reset();
        settings.apply(options);
        keys.reset(defaultTenant);
        configureWebhooksFromOptions();
    }

    /** Replaces the data with a freshly generated set (catalog and jobs). */
    public void seed(long seed, int jobs) {
        seed(seed, jobs, options.lookupsOverCap());
    }

    void seed(long seed, int jobs, boolean lookupsOverCap) {
        defaultTenant.seed(seed, jobs, lookupsOverCap);
    }

    @Override
    public void close() {
        webhooks.close();
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // closing anyway
        }
    }

    // ---- internals ------------------------------------------------------------------------------

    Store store() {
        return defaultTenant.store();
    }

    private void schedulerTick() {
        long now = time.nanos();
        double elapsed = (now - lastTickNanos) / 1e9;
        lastTickNanos = now;
        for (SandboxTenant tenant : tenants.all()) {
            tenant.tick(now, elapsed);
        }
    }
}
