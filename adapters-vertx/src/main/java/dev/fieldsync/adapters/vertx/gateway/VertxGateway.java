package dev.fieldsync.adapters.vertx.gateway;

import dev.fieldsync.adapters.vertx.requestid.Ulid;
import dev.fieldsync.ports.out.gateway.Gateway;
import dev.fieldsync.ports.out.gateway.GatewayCall;
import dev.fieldsync.ports.out.gateway.GatewayClock;
import dev.fieldsync.ports.out.gateway.KeySource;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.vertx.core.Vertx;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * The {@link Gateway} port over the Vert.x 5 Web Client (ARCHITECTURE.md §3): each call is bound to the wire by
 * {@link Bindings} and run by {@link CallRunner} (budgeted, retried by the rules of {@link RetryPolicy}, with key
 * rotation, request ids and one log line per call) over {@link AttemptSender} (one span per attempt). Calls are
 * synchronous and must not run on a Vert.x event-loop thread. Thread-safe; make one per process and
 * {@link #close()} it at shutdown.
 */
public final class VertxGateway implements Gateway, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(VertxGateway.class.getName());

    private final URI baseUrl;
    private final KeySource keySource;
    private final Vertx vertx;
    private final boolean ownsVertx;
    private final WebClient client;
    private final CallRunner runner;
    private final String cursorParameter;
    private final DateHeaderClock gatewayClock = new DateHeaderClock();

    VertxGateway(VertxGatewayBuilder builder, VertxGatewayOptions options, URI baseUrl) {
        this.baseUrl = baseUrl;
        this.keySource = builder.keySource;
        this.cursorParameter = options.cursorParameter();
        this.ownsVertx = builder.vertx == null;
        this.vertx = ownsVertx ? Vertx.vertx() : builder.vertx;
        Tracer tracer =
                builder.tracer != null ? builder.tracer : GlobalOpenTelemetry.getTracer("dev.fieldsync.adapters.vertx");
        RandomGenerator injected = builder.random;
        Supplier<RandomGenerator> random = injected != null ? () -> injected : ThreadLocalRandom::current;
        boolean https = "https".equalsIgnoreCase(baseUrl.getScheme());
        WebClientOptions clientOptions = new WebClientOptions()
                .setSsl(https)
                .setKeepAlive(true)
                .setDecompressionSupported(true)
                .setFollowRedirects(false)
                .setUserAgent("fieldsync-adapters-vertx")
                .setConnectTimeout(
                        (int) Math.max(1, Math.min(options.attemptTimeout().toMillis() / 2, 5_000)));
        this.client =
                WebClient.create(vertx, clientOptions, new PoolOptions().setHttp1MaxSize(options.maxConnections()));
        AttemptSender sender = new AttemptSender(
                client, baseUrl, options.maxResponseBytes(), tracer, builder.propagator, builder.clock, gatewayClock);
        this.runner = new CallRunner(
                keySource,
                builder.budget,
                options,
                builder.clock,
                builder.sleeper,
                new Backoff(options.backoffBase(), options.backoffCap(), random),
                new Ulid(Clock.systemUTC(), new SecureRandom()),
                sender,
                builder.logFields);
    }

    public static VertxGatewayBuilder builder() {
        return new VertxGatewayBuilder();
    }

    @Override
    public <R> R call(GatewayCall<R> call) {
        return runner.run(Bindings.of(call, cursorParameter));
    }

    /** The gateway's clock, estimated from the {@code Date} headers of its answers ({@code DateHeaderClock}). */
    public GatewayClock gatewayClock() {
        return gatewayClock;
    }

    /** Closes the client, and the Vert.x instance when this gateway created it. */
    @Override
    public void close() {
        client.close();
        if (ownsVertx) {
            try {
                vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                LOG.log(System.Logger.Level.WARNING, "Vert.x did not close cleanly: {0}", e.toString());
            }
        }
    }

    @Override
    public String toString() {
        return "VertxGateway[" + baseUrl + ", keys from " + keySource.describe() + "]";
    }
}
