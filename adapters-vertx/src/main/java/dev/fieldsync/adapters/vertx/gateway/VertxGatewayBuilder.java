package dev.fieldsync.adapters.vertx.gateway;

import dev.fieldsync.ports.out.budget.RateBudget;
import dev.fieldsync.ports.out.gateway.KeySource;
import dev.fieldsync.ports.out.log.LogFields;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.random.RandomGenerator;

/** Configures a {@link VertxGateway}; only base URL, key source and budget are required. */
public final class VertxGatewayBuilder {
    private static final Set<String> LOOPBACK_HOSTS = Set.of("127.0.0.1", "localhost", "::1", "[::1]");

    String baseUrl;
    KeySource keySource;
    RateBudget budget;
    Vertx vertx;
    boolean allowPlainHttp;
    Tracer tracer;
    TextMapPropagator propagator = W3CTraceContextPropagator.getInstance();
    LogFields logFields = LogFields.NONE;
    Clock clock = Clock.systemUTC();
    RandomGenerator random;
    Sleeper sleeper = Sleeper.system();
    private Duration attemptTimeout;
    private Duration deadline;
    private int maxAttempts;
    private long maxResponseBytes;
    private int maxConnections;
    private Duration backoffBase;
    private Duration backoffCap;
    private String cursorParameter;

    VertxGatewayBuilder() {
        options(VertxGatewayOptions.defaults());
    }

    /** {@code https://<host>} as handed over by the gateway operator (a path prefix is kept). */
    public VertxGatewayBuilder baseUrl(String value) {
        baseUrl = value;
        return this;
    }

    public VertxGatewayBuilder keySource(KeySource value) {
        keySource = value;
        return this;
    }

    public VertxGatewayBuilder budget(RateBudget value) {
        budget = value;
        return this;
    }

    /** A Vert.x instance to share; without one the gateway creates its own and closes it on {@code close()}. */
    public VertxGatewayBuilder vertx(Vertx value) {
        vertx = value;
        return this;
    }

    /** Allows {@code http://} to a non-loopback host (a sandbox on another machine); never for the real gateway. */
    public VertxGatewayBuilder allowPlainHttp(boolean allow) {
        allowPlainHttp = allow;
        return this;
    }

    /** Every tunable at once (the service reads them from its configuration). */
    public VertxGatewayBuilder options(VertxGatewayOptions options) {
        attemptTimeout = options.attemptTimeout();
        deadline = options.deadline();
        maxAttempts = options.maxAttempts();
        maxResponseBytes = options.maxResponseBytes();
        maxConnections = options.maxConnections();
        backoffBase = options.backoffBase();
        backoffCap = options.backoffCap();
        cursorParameter = options.cursorParameter();
        return this;
    }

    /** The name of the list's cursor request parameter (default {@code cursor}, GATEWAY-API.md §9). */
    public VertxGatewayBuilder cursorParameter(String value) {
        cursorParameter = value;
        return this;
    }

    /** Per attempt (default 10 s); must exceed the gateway's 2 s hold of rate-limited requests. */
    public VertxGatewayBuilder attemptTimeout(Duration value) {
        attemptTimeout = value;
        return this;
    }

    /** For a whole call, retries and backoff included, budget waits excluded (default 60 s). */
    public VertxGatewayBuilder deadline(Duration value) {
        deadline = value;
        return this;
    }

    /** Upper bound on attempts per call (default 10); the deadline usually ends retries first. */
    public VertxGatewayBuilder maxAttempts(int value) {
        maxAttempts = value;
        return this;
    }

    /** Largest response body accepted, after decompression (default 16 MiB). */
    public VertxGatewayBuilder maxResponseBytes(long value) {
        maxResponseBytes = value;
        return this;
    }

    /** Size of the keep-alive connection pool (default 8). */
    public VertxGatewayBuilder maxConnections(int value) {
        maxConnections = value;
        return this;
    }

    /** First backoff ceiling (default 1 s) and largest one (default 20 s). */
    public VertxGatewayBuilder backoff(Duration base, Duration cap) {
        backoffBase = base;
        backoffCap = cap;
        return this;
    }

    /** Default: {@code GlobalOpenTelemetry.getTracer("dev.fieldsync.adapters.vertx")} (a no-op until configured). */
    public VertxGatewayBuilder tracer(Tracer value) {
        tracer = value;
        return this;
    }

    /** Where the call's log line also puts its request ids as named fields; default none. */
    public VertxGatewayBuilder logFields(LogFields value) {
        logFields = Objects.requireNonNull(value, "logFields");
        return this;
    }

    /** How each attempt's span context travels to the gateway; default W3C {@code traceparent}. */
    public VertxGatewayBuilder propagator(TextMapPropagator value) {
        propagator = Objects.requireNonNull(value, "propagator");
        return this;
    }

    public VertxGatewayBuilder clock(Clock value) {
        clock = value;
        return this;
    }

    /** The jitter source (default: ThreadLocalRandom); access is synchronized on it. */
    public VertxGatewayBuilder random(RandomGenerator value) {
        random = value;
        return this;
    }

    public VertxGatewayBuilder sleeper(Sleeper value) {
        sleeper = value;
        return this;
    }

    public VertxGateway build() {
        if (keySource == null) {
            throw new IllegalArgumentException(
                    "a key source is required, e.g. new EnvironmentKeySource() " + "(reads FIELDSYNC_API_KEY)");
        }
        if (budget == null) {
            throw new IllegalArgumentException("a rate budget is required: every gateway call spends a token first");
        }
        VertxGatewayOptions options = new VertxGatewayOptions(
                attemptTimeout,
                deadline,
                maxAttempts,
                maxResponseBytes,
                maxConnections,
                backoffBase,
                backoffCap,
                cursorParameter);
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(sleeper, "sleeper");
        return new VertxGateway(this, options, parseBaseUrl(baseUrl, allowPlainHttp));
    }

    static URI parseBaseUrl(String text, boolean allowPlainHttp) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a base URL is required, e.g. https://gateway.example.com "
                    + "(the host the gateway operator gave you)");
        }
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("the base URL '" + text + "' is not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new IllegalArgumentException("the base URL '" + text + "' must be an absolute https:// URL "
                    + "with a host, e.g. https://gateway.example.com");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("the base URL '" + text + "' must not carry a query, fragment or "
                    + "user info; give only scheme, host, port and optional path prefix");
        }
        if (scheme.equals("http")
                && !allowPlainHttp
                && !LOOPBACK_HOSTS.contains(uri.getHost().toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("plain http:// would send the API key unencrypted to " + uri.getHost()
                    + "; use https://, or call allowPlainHttp(true) for a test gateway (plain http is allowed "
                    + "without it only to 127.0.0.1, localhost or ::1)");
        }
        return uri;
    }
}
