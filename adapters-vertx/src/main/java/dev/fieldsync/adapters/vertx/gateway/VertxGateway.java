package dev.fieldsync.adapters.vertx.gateway;

import dev.fieldsync.adapters.vertx.gateway.BoundedBodyCodec.BoundedBody;
import dev.fieldsync.adapters.vertx.gateway.Signal.TransportFailure;
import dev.fieldsync.adapters.vertx.requestid.Ulid;
import dev.fieldsync.adapters.vertx.wire.JobWire;
import dev.fieldsync.adapters.vertx.wire.LookupWire;
import dev.fieldsync.adapters.vertx.wire.ProblemWire;
import dev.fieldsync.adapters.vertx.wire.SchemaViolation;
import dev.fieldsync.adapters.vertx.wire.WireObject;
import dev.fieldsync.adapters.vertx.wire.WireTimes;
import dev.fieldsync.adapters.vertx.wire.WriteBodies;
import dev.fieldsync.domain.id.CustomerId;
import dev.fieldsync.domain.id.JobId;
import dev.fieldsync.domain.id.JobTypeId;
import dev.fieldsync.domain.id.ProjectId;
import dev.fieldsync.domain.id.SiteId;
import dev.fieldsync.domain.id.StatusId;
import dev.fieldsync.domain.job.CancelRequest;
import dev.fieldsync.domain.job.JobDraft;
import dev.fieldsync.domain.job.JobPatch;
import dev.fieldsync.domain.key.ApiKey;
import dev.fieldsync.domain.lookup.CustomFieldDef;
import dev.fieldsync.domain.lookup.NamedItem;
import dev.fieldsync.domain.problem.GatewayProblem;
import dev.fieldsync.domain.site.SiteDraft;
import dev.fieldsync.domain.site.SitePatch;
import dev.fieldsync.ports.out.budget.Priority;
import dev.fieldsync.ports.out.budget.RateBudget;
import dev.fieldsync.ports.out.gateway.CreatedJob;
import dev.fieldsync.ports.out.gateway.Gateway;
import dev.fieldsync.ports.out.gateway.GatewayException;
import dev.fieldsync.ports.out.gateway.GatewayProblemException;
import dev.fieldsync.ports.out.gateway.GatewayResponseException;
import dev.fieldsync.ports.out.gateway.GatewayUnavailableException;
import dev.fieldsync.ports.out.gateway.JobPage;
import dev.fieldsync.ports.out.gateway.JobQuery;
import dev.fieldsync.ports.out.gateway.KeySource;
import dev.fieldsync.ports.out.gateway.KeyUnavailableException;
import dev.fieldsync.ports.out.gateway.OutcomeUnknownException;
import dev.fieldsync.ports.out.log.LogFields;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import javax.net.ssl.SSLHandshakeException;

/**
 * The {@link Gateway} port over the Vert.x 5 Web Client (ARCHITECTURE.md §3): budgeted, retried by the
 * rules of {@link RetryPolicy}, with key rotation, request ids, one span per attempt and one log line per
 * call. Calls are synchronous and must not run on a Vert.x event-loop thread. Thread-safe; make one per
 * process and {@link #close()} it at shutdown.
 */
public final class VertxGateway implements Gateway, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(VertxGateway.class.getName());
    private static final String REQUEST_ID = "X-Request-Id";
    private static final int SNIPPET_CHARS = 200;
    private static final Set<String> LOOPBACK_HOSTS = Set.of("127.0.0.1", "localhost", "::1", "[::1]");

    private final URI baseUrl;
    private final String basePath;
    private final KeySource keySource;
    private final RateBudget budget;
    private final Vertx vertx;
    private final boolean ownsVertx;
    private final WebClient client;
    private final Duration attemptTimeout;
    private final Duration deadline;
    private final int maxAttempts;
    private final long maxResponseBytes;
    private final Tracer tracer;
    private final TextMapPropagator propagator;
    private final LogFields logFields;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Backoff backoff;
    private final Ulid requestIds;
    private final KeyRotation rotation = new KeyRotation();

    private VertxGateway(Builder builder, URI baseUrl, Vertx vertx, boolean ownsVertx) {
        this.baseUrl = baseUrl;
        String path = baseUrl.getRawPath() == null ? "" : baseUrl.getRawPath();
        this.basePath = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        this.keySource = builder.keySource;
        this.budget = builder.budget;
        this.vertx = vertx;
        this.ownsVertx = ownsVertx;
        this.attemptTimeout = builder.attemptTimeout;
        this.deadline = builder.deadline;
        this.maxAttempts = builder.maxAttempts;
        this.maxResponseBytes = builder.maxResponseBytes;
        this.tracer = builder.tracer != null ? builder.tracer
                : GlobalOpenTelemetry.getTracer("dev.fieldsync.adapters.vertx");
        this.propagator = builder.propagator;
        this.logFields = builder.logFields;
        this.clock = builder.clock;
        this.sleeper = builder.sleeper;
        RandomGenerator injected = builder.random;
        Supplier<RandomGenerator> random = injected != null ? () -> injected : ThreadLocalRandom::current;
        this.backoff = new Backoff(builder.backoffBase, builder.backoffCap, random);
        this.requestIds = new Ulid(Clock.systemUTC(), new SecureRandom());
        boolean https = "https".equalsIgnoreCase(baseUrl.getScheme());
        WebClientOptions options = new WebClientOptions()
                .setSsl(https)
                .setKeepAlive(true)
                .setDecompressionSupported(true)
                .setFollowRedirects(false)
                .setUserAgent("fieldsync-adapters-vertx")
                .setConnectTimeout((int) Math.max(1, Math.min(attemptTimeout.toMillis() / 2, 5_000)));
        this.client = WebClient.create(vertx, options, new PoolOptions().setHttp1MaxSize(builder.maxConnections));
    }

    public static Builder builder() {
        return new Builder();
    }

    // ---- the 12 operations -------------------------------------------------------------------------

    @Override
    public List<NamedItem<CustomerId>> customers(Priority priority) {
        return lookup(Operation.CUSTOMERS, priority, CustomerId::of);
    }

    @Override
    public List<NamedItem<SiteId>> sites(Priority priority) {
        return lookup(Operation.SITES, priority, SiteId::of);
    }

    @Override
    public List<NamedItem<ProjectId>> projects(Priority priority) {
        return lookup(Operation.PROJECTS, priority, ProjectId::of);
    }

    @Override
    public List<NamedItem<JobTypeId>> jobTypes(Priority priority) {
        return lookup(Operation.JOB_TYPES, priority, JobTypeId::of);
    }

    @Override
    public List<NamedItem<StatusId>> jobStatuses(Priority priority) {
        return lookup(Operation.JOB_STATUSES, priority, StatusId::of);
    }

    @Override
    public List<CustomFieldDef> customFields(Priority priority) {
        return call(Call.read(Operation.CUSTOM_FIELDS, Operation.CUSTOM_FIELDS.template(), priority),
                body -> LookupWire.customFields(WireObject.parse(body)));
    }

    @Override
    public JobPage listJobs(JobQuery query, Optional<String> cursor, Priority priority) {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(cursor, "cursor");
        Call call = Call.read(Operation.LIST_JOBS, Operation.LIST_JOBS.template(), priority)
                .withQuery(queryParameters(query, cursor));
        return call(call, body -> JobWire.page(WireObject.parse(body)));
    }

    @Override
    public CreatedJob createJob(JobDraft draft) {
        Call call = Call.write(Operation.CREATE_JOB, Operation.CREATE_JOB.template(), WriteBodies.createJob(draft));
        return call(call, body -> JobWire.created(WireObject.parse(body)));
    }

    @Override
    public void updateJob(JobId job, JobPatch patch) {
        call(Call.write(Operation.UPDATE_JOB, Operation.UPDATE_JOB.path(job.value()), WriteBodies.updateJob(patch)),
                body -> null);
    }

    @Override
    public void cancelJob(CancelRequest request) {
        call(Call.write(Operation.CANCEL_JOB, Operation.CANCEL_JOB.path(request.job().value()),
                WriteBodies.cancel(request)), body -> null);
    }

    @Override
    public SiteId createSite(SiteDraft draft) {
        return call(Call.write(Operation.CREATE_SITE, Operation.CREATE_SITE.template(), WriteBodies.createSite(draft)),
                body -> JobWire.createdSite(WireObject.parse(body)));
    }

    @Override
    public void updateSite(SiteId site, SitePatch patch) {
        call(Call.write(Operation.UPDATE_SITE, Operation.UPDATE_SITE.path(site.value()), WriteBodies.updateSite(patch)),
                body -> null);
    }

    /** The list filters, in a fixed order; the same filters go with every cursor. */
    static List<Map.Entry<String, String>> queryParameters(JobQuery query, Optional<String> cursor) {
        List<Map.Entry<String, String>> parameters = new ArrayList<>();
        parameters.add(Map.entry("state", query.state().wireName()));
        query.status().ifPresent(s -> parameters.add(Map.entry("status", s.value())));
        query.updatedFrom().ifPresent(t -> parameters.add(Map.entry("updated_at_from", WireTimes.utc(t))));
        query.updatedTo().ifPresent(t -> parameters.add(Map.entry("updated_at_to", WireTimes.utc(t))));
        query.startFrom().ifPresent(t -> parameters.add(Map.entry("start_time_from", WireTimes.withOffset(t))));
        query.startTo().ifPresent(t -> parameters.add(Map.entry("start_time_to", WireTimes.withOffset(t))));
        query.number().ifPresent(n -> parameters.add(Map.entry("number", n.value())));
        parameters.add(Map.entry("page_size", Integer.toString(query.pageSize())));
        cursor.filter(c -> !c.isEmpty()).ifPresent(c -> parameters.add(Map.entry("cursor", c)));
        return List.copyOf(parameters);
    }

    private <I> List<NamedItem<I>> lookup(Operation operation, Priority priority, Function<String, I> idOf) {
        return call(Call.read(operation, operation.template(), priority),
                body -> LookupWire.namedItems(WireObject.parse(body), idOf));
    }

    // ---- one call: attempts, retries, keys ---------------------------------------------------------

    /** What to send: operation, concrete path, query, body, and the priority its budget is spent at. */
    private record Call(Operation operation, String path, List<Map.Entry<String, String>> query,
            Optional<JsonObject> body, Priority priority) {

        static Call read(Operation operation, String path, Priority priority) {
            return new Call(operation, path, List.of(), Optional.empty(), Objects.requireNonNull(priority, "priority"));
        }

        static Call write(Operation operation, String path, JsonObject body) {
            return new Call(operation, path, List.of(), Optional.of(body), Priority.INTERACTIVE);
        }

        Call withQuery(List<Map.Entry<String, String>> parameters) {
            return new Call(operation, path, parameters, body, priority);
        }
    }

    /** The answer of one attempt, or why there was none. */
    private sealed interface Attempt {
        Signal signal();
    }

    private record Answer(int status, String contentType, BoundedBody body, Optional<String> gatewayRequestId,
            Optional<GatewayProblem> problem) implements Attempt {
        @Override
        public Signal signal() {
            return new Signal.Answered(status, problem.map(GatewayProblem::code));
        }
    }

    private record NoAnswer(TransportFailure failure, Throwable cause) implements Attempt {
        @Override
        public Signal signal() {
            return new Signal.Failed(failure);
        }
    }

    /** Running totals of a call, for its one log line. */
    private static final class CallLog {
        int attempts;
        long budgetWaitMillis;
        int lastStatus;
        String clientRequestId = "";
        Optional<String> gatewayRequestId = Optional.empty();
    }

    private <T> T call(Call call, Function<Buffer, T> reader) {
        if (Context.isOnEventLoopThread()) {
            throw new IllegalStateException("VertxGateway calls block; do not call " + call.operation().label()
                    + " on a Vert.x event-loop thread (use executeBlocking or a worker)");
        }
        Instant started = clock.instant();
        CallLog log = new CallLog();
        try {
            T result = attempts(call, reader, started, log);
            logCall(call, log, started, null);
            return result;
        } catch (GatewayException failure) {
            logCall(call, log, started, failure);
            throw failure;
        }
    }

    private <T> T attempts(Call call, Function<Buffer, T> reader, Instant started, CallLog log) {
        Operation operation = call.operation();
        List<ApiKey> keys = keySource.keys();
        ApiKey key = rotation.current(keys);
        boolean switchedKey = false;
        Instant deadlineAt = started.plus(deadline);
        GatewayException lastFailure = null;
        while (true) {
            Duration waited = acquireBudget(call, log);
            deadlineAt = deadlineAt.plus(waited); // waiting for budget is the budget's business, not a gateway fault
            Duration remaining = Duration.between(clock.instant(), deadlineAt);
            if (remaining.isNegative() || remaining.isZero()) {
                throw gaveUp(operation, log, lastFailure);
            }
            Duration timeout = remaining.compareTo(attemptTimeout) < 0 ? remaining : attemptTimeout;
            String requestId = requestIds.next();
            log.attempts++;
            log.clientRequestId = requestId;
            log.gatewayRequestId = Optional.empty();
            Attempt attempt = attempt(call, key, requestId, timeout, log.attempts - 1, waited);
            Verdict verdict = RetryPolicy.classify(operation.repeatability(), attempt.signal());
            if (attempt instanceof Answer answer) {
                log.lastStatus = answer.status();
                log.gatewayRequestId = answer.gatewayRequestId();
            }
            switch (verdict) {
                case SUCCEEDED:
                    return read((Answer) attempt, call, reader, requestId);
                case TRY_NEXT_KEY:
                    if (!switchedKey) {
                        Optional<ApiKey> next = rotation.switchFrom(key, keys);
                        if (next.isPresent()) {
                            LOG.log(System.Logger.Level.WARNING, "gateway answered 401 to key {0}; switched to the "
                                    + "next key {1} from {2} (request {3})", key, next.get(), keySource.describe(),
                                    requestId);
                            key = next.get();
                            switchedKey = true;
                            continue;
                        }
                    }
                    throw failureOf(call, attempt, requestId);
                case FINAL:
                    throw failureOf(call, attempt, requestId);
                case OUTCOME_UNKNOWN: {
                    GatewayException cause = failureOf(call, attempt, requestId);
                    throw new OutcomeUnknownException(operation.label(), "the request may have run: "
                            + cause.getMessage() + "; it is not sent again", Optional.of(requestId),
                            gatewayId(attempt), cause);
                }
                case RETRY:
                default:
                    lastFailure = failureOf(call, attempt, requestId);
                    if (attempt instanceof Answer answer && answer.status() == 429) {
                        budget.reportRateLimited();
                    }
                    if (log.attempts >= maxAttempts) {
                        throw gaveUp(operation, log, lastFailure);
                    }
                    Duration pause = backoff.delay(log.attempts);
                    if (!clock.instant().plus(pause).isBefore(deadlineAt)) {
                        throw gaveUp(operation, log, lastFailure);
                    }
                    sleep(operation, pause, log);
            }
        }
    }

    private Duration acquireBudget(Call call, CallLog log) {
        Priority priority = call.operation().isWrite() ? Priority.INTERACTIVE : call.priority();
        try {
            Duration waited = budget.acquire(priority);
            log.budgetWaitMillis += waited.toMillis();
            return waited;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GatewayUnavailableException(call.operation().label(), "interrupted while waiting for budget",
                    Optional.empty(), Optional.empty(), e);
        }
    }

    private void sleep(Operation operation, Duration pause, CallLog log) {
        try {
            sleeper.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GatewayUnavailableException(operation.label(), "interrupted while backing off",
                    Optional.of(log.clientRequestId), log.gatewayRequestId, e);
        }
    }

    private GatewayUnavailableException gaveUp(Operation operation, CallLog log, GatewayException last) {
        String lastOutcome = last == null ? "no attempt fitted in the deadline" : "last: " + last.getMessage();
        return new GatewayUnavailableException(operation.label(), "gave up after " + log.attempts + " attempt(s) within "
                + "the deadline of " + deadline.toSeconds() + " s (" + lastOutcome + ")",
                log.attempts == 0 ? Optional.empty() : Optional.of(log.clientRequestId), log.gatewayRequestId, last);
    }

    private <T> T read(Answer answer, Call call, Function<Buffer, T> reader, String requestId) {
        Operation operation = call.operation();
        GatewayResponseException unreadable;
        if (answer.body().overflowed()) {
            unreadable = tooLarge(operation, answer, requestId);
        } else {
            try {
                return reader.apply(answer.body().bytes());
            } catch (SchemaViolation violation) {
                GatewayResponseException.Kind kind = violation.isMalformed()
                        ? GatewayResponseException.Kind.MALFORMED : GatewayResponseException.Kind.SCHEMA;
                unreadable = new GatewayResponseException(operation.label(), kind, answer.status(),
                        "the " + answer.status() + " answer could not be read: " + violation.getMessage(),
                        ProblemWire.snippet(answer.body().bytes(), SNIPPET_CHARS), Optional.of(requestId),
                        answer.gatewayRequestId(), violation);
            }
        }
        if (operation.repeatability() == Operation.Repeatability.RUNS_AT_MOST_ONCE) {
            // The write ran (2xx) but we cannot tell what it created: reconcile, never re-send.
            throw new OutcomeUnknownException(operation.label(), "the gateway accepted the request but its answer "
                    + "was unreadable (" + unreadable.getMessage() + ")", Optional.of(requestId),
                    answer.gatewayRequestId(), unreadable);
        }
        throw unreadable;
    }

    private GatewayException failureOf(Call call, Attempt attempt, String requestId) {
        String label = call.operation().label();
        if (attempt instanceof NoAnswer noAnswer) {
            String what = switch (noAnswer.failure()) {
                case NOT_SENT -> "could not connect to " + baseUrl.getHost();
                case TIMED_OUT -> "no complete answer within the attempt timeout";
                case CONNECTION_LOST -> "the connection was lost before a complete answer";
            };
            // The transport's exception stays the cause (logged by logCall), out of the message users see.
            return new GatewayUnavailableException(label, what, Optional.of(requestId), Optional.empty(),
                    noAnswer.cause());
        }
        Answer answer = (Answer) attempt;
        if (answer.problem().isPresent()) {
            return new GatewayProblemException(label, answer.problem().get());
        }
        if (answer.body().overflowed()) {
            return tooLarge(call.operation(), answer, requestId);
        }
        String kind = answer.body().bytes().length() == 0 ? "an empty body"
                : "a body of type " + (answer.contentType().isEmpty() ? "(none)" : answer.contentType());
        return new GatewayResponseException(label, GatewayResponseException.Kind.NOT_A_PROBLEM_DOCUMENT,
                answer.status(), "HTTP " + answer.status() + " with " + kind + " instead of a problem document",
                ProblemWire.snippet(answer.body().bytes(), SNIPPET_CHARS), Optional.of(requestId),
                answer.gatewayRequestId(), null);
    }

    private GatewayResponseException tooLarge(Operation operation, Answer answer, String requestId) {
        return new GatewayResponseException(operation.label(), GatewayResponseException.Kind.TOO_LARGE, answer.status(),
                "the " + answer.status() + " answer exceeded the response size limit of " + maxResponseBytes + " bytes",
                ProblemWire.snippet(answer.body().bytes(), SNIPPET_CHARS), Optional.of(requestId),
                answer.gatewayRequestId(), null);
    }

    private static Optional<String> gatewayId(Attempt attempt) {
        return attempt instanceof Answer answer ? answer.gatewayRequestId() : Optional.empty();
    }

    // ---- one attempt over the wire -----------------------------------------------------------------

    private Attempt attempt(Call call, ApiKey key, String requestId, Duration timeout, int retryCount, Duration waited) {
        Operation operation = call.operation();
        Span span = tracer.spanBuilder(operation.label())
                .setSpanKind(SpanKind.CLIENT)
                .setAttribute("http.request.method", operation.method().name())
                .setAttribute("url.template", operation.template())
                .setAttribute("http.route", operation.template())
                .setAttribute("server.address", baseUrl.getHost())
                .setAttribute("fieldsync.retry_count", (long) retryCount)
                .setAttribute("fieldsync.budget_wait_ms", waited.toMillis())
                .setAttribute("fieldsync.request_id", requestId)
                .startSpan();
        try {
            Attempt attempt = send(call, key, requestId, timeout, io.opentelemetry.context.Context.current().with(span));
            if (attempt instanceof Answer answer) {
                span.setAttribute("http.response.status_code", (long) answer.status());
                answer.gatewayRequestId().ifPresent(id -> span.setAttribute("fieldsync.gateway_request_id", id));
                if (answer.status() >= 400) {
                    span.setAttribute("error.type", answer.problem().map(GatewayProblem::codeName)
                            .orElse(Integer.toString(answer.status())));
                    span.setStatus(StatusCode.ERROR);
                }
            } else if (attempt instanceof NoAnswer noAnswer) {
                span.setAttribute("error.type", noAnswer.failure().name().toLowerCase(Locale.ROOT));
                span.setStatus(StatusCode.ERROR);
            }
            return attempt;
        } finally {
            span.end();
        }
    }

    private Attempt send(Call call, ApiKey key, String requestId, Duration timeout,
            io.opentelemetry.context.Context trace) {
        HttpRequest<BoundedBody> request = client
                .requestAbs(call.operation().method(), absolute(call.path()))
                .as(new BoundedBodyCodec(maxResponseBytes))
                .putHeader("Authorization", "Bearer " + key.reveal())
                .putHeader(REQUEST_ID, requestId)
                .putHeader("Accept", "application/json, application/problem+json")
                .idleTimeout(Math.max(1, timeout.toMillis()));
        call.query().forEach(parameter -> request.addQueryParam(parameter.getKey(), parameter.getValue()));
        propagator.inject(trace, request, (outgoing, name, value) -> outgoing.putHeader(name, value));
        Future<HttpResponse<BoundedBody>> pending = call.body().isPresent()
                ? request.putHeader("Content-Type", "application/json").sendBuffer(call.body().get().toBuffer())
                : request.send();
        try {
            HttpResponse<BoundedBody> response = pending.toCompletionStage().toCompletableFuture()
                    .get(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
            Optional<String> gatewayRequestId = Optional.ofNullable(response.getHeader(REQUEST_ID))
                    .filter(id -> !id.isBlank());
            String contentType = Optional.ofNullable(response.getHeader("Content-Type")).orElse("");
            BoundedBody body = response.body() == null ? new BoundedBody(Buffer.buffer(), false, 0) : response.body();
            Optional<GatewayProblem> problem = response.statusCode() >= 400 && !body.overflowed()
                    ? ProblemWire.read(body.bytes(), response.statusCode(), gatewayRequestId, Optional.of(requestId))
                    : Optional.empty();
            return new Answer(response.statusCode(), contentType, body, gatewayRequestId, problem);
        } catch (TimeoutException e) {
            return new NoAnswer(TransportFailure.TIMED_OUT, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return new NoAnswer(transportFailure(cause), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GatewayUnavailableException(call.operation().label(), "interrupted while waiting for the answer",
                    Optional.of(requestId), Optional.empty(), e);
        }
    }

    /** Sorts a Vert.x failure: only failures before the connection existed prove the request never left. */
    static TransportFailure transportFailure(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException
                    || t instanceof NoRouteToHostException || t instanceof SSLHandshakeException) {
                return TransportFailure.NOT_SENT;
            }
            String name = t.getClass().getSimpleName().toLowerCase(Locale.ROOT);
            String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (name.contains("timeout") || message.contains("timeout") || message.contains("timed out")) {
                return TransportFailure.TIMED_OUT;
            }
        }
        return TransportFailure.CONNECTION_LOST;
    }

    private String absolute(String path) {
        return baseUrl.getScheme() + "://" + baseUrl.getRawAuthority() + basePath + path;
    }

    private void logCall(Call call, CallLog log, Instant started, GatewayException failure) {
        long millis = Duration.between(started, clock.instant()).toMillis();
        String outcome = failure == null ? "ok" : failure.getClass().getSimpleName()
                + (failure instanceof GatewayProblemException problem ? " " + problem.problem().codeName() : "");
        System.Logger.Level level = failure == null ? System.Logger.Level.INFO : System.Logger.Level.WARNING;
        if (LOG.isLoggable(level)) {
            String status = log.lastStatus == 0 ? "-" : Integer.toString(log.lastStatus);
            String requestId = log.clientRequestId.isEmpty() ? "-" : log.clientRequestId;
            String gatewayRequestId = log.gatewayRequestId.orElse("-");
            try (LogFields.Scope fields = logFields.with(Map.of("gateway_call", call.operation().label(),
                    "gateway_status", status, "request_id", requestId, "gateway_request_id", gatewayRequestId))) {
                LOG.log(level, "{0} status={1} attempts={2} duration_ms={3} budget_wait_ms={4} request_id={5} "
                        + "gateway_request_id={6} outcome={7}", call.operation().label(), status,
                        Integer.toString(log.attempts), Long.toString(millis), Long.toString(log.budgetWaitMillis),
                        requestId, gatewayRequestId, failure == null ? outcome
                                : outcome + " (" + failure.getMessage() + transportCause(failure) + ")");
            }
        }
    }

    /** The innermost cause's class, for the log only (e.g. {@code ConnectException}). */
    private static String transportCause(GatewayException failure) {
        Throwable cause = failure.getCause();
        while (cause != null && cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause == null || cause instanceof GatewayException ? "" : "; cause " + cause.getClass().getSimpleName();
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

    // ---- builder -----------------------------------------------------------------------------------

    /** Configures a {@link VertxGateway}; only base URL, key source and budget are required. */
    public static final class Builder {
        private String baseUrl;
        private KeySource keySource;
        private RateBudget budget;
        private Vertx vertx;
        private boolean allowPlainHttp;
        private Duration attemptTimeout = Duration.ofSeconds(10);
        private Duration deadline = Duration.ofSeconds(60);
        private int maxAttempts = 10;
        private long maxResponseBytes = 16L * 1024 * 1024;
        private int maxConnections = 8;
        private Duration backoffBase = Duration.ofSeconds(1);
        private Duration backoffCap = Duration.ofSeconds(20);
        private Tracer tracer;
        private TextMapPropagator propagator = W3CTraceContextPropagator.getInstance();
        private LogFields logFields = LogFields.NONE;
        private Clock clock = Clock.systemUTC();
        private RandomGenerator random;
        private Sleeper sleeper = Sleeper.system();

        private Builder() {
        }

        /** {@code https://<host>} as handed over by the gateway operator (a path prefix is kept). */
        public Builder baseUrl(String baseUrl) {
            this.baseUrl = baseUrl;
            return this;
        }

        public Builder keySource(KeySource keySource) {
            this.keySource = keySource;
            return this;
        }

        public Builder budget(RateBudget budget) {
            this.budget = budget;
            return this;
        }

        /** A Vert.x instance to share; without one the gateway creates its own and closes it on {@link #close()}. */
        public Builder vertx(Vertx vertx) {
            this.vertx = vertx;
            return this;
        }

        /** Allows {@code http://} to a non-loopback host (a sandbox on another machine); never for the real gateway. */
        public Builder allowPlainHttp(boolean allow) {
            this.allowPlainHttp = allow;
            return this;
        }

        /** Per attempt (default 10 s); must exceed the gateway's 2 s hold of rate-limited requests. */
        public Builder attemptTimeout(Duration timeout) {
            this.attemptTimeout = timeout;
            return this;
        }

        /** For a whole call, retries and backoff included, budget waits excluded (default 60 s). */
        public Builder deadline(Duration deadline) {
            this.deadline = deadline;
            return this;
        }

        /** Upper bound on attempts per call (default 10); the deadline usually ends retries first. */
        public Builder maxAttempts(int attempts) {
            this.maxAttempts = attempts;
            return this;
        }

        /** Largest response body accepted, after decompression (default 16 MiB). */
        public Builder maxResponseBytes(long bytes) {
            this.maxResponseBytes = bytes;
            return this;
        }

        /** Size of the keep-alive connection pool (default 8). */
        public Builder maxConnections(int connections) {
            this.maxConnections = connections;
            return this;
        }

        /** First backoff ceiling (default 1 s) and largest one (default 20 s). */
        public Builder backoff(Duration base, Duration cap) {
            this.backoffBase = base;
            this.backoffCap = cap;
            return this;
        }

        /** Default: {@code GlobalOpenTelemetry.getTracer("dev.fieldsync.adapters.vertx")} (a no-op until configured). */
        public Builder tracer(Tracer tracer) {
            this.tracer = tracer;
            return this;
        }

        /** Where the call's log line also puts its request ids as named fields; default none. */
        public Builder logFields(LogFields logFields) {
            this.logFields = Objects.requireNonNull(logFields, "logFields");
            return this;
        }

        /** How each attempt's span context travels to the gateway; default W3C {@code traceparent}. */
        public Builder propagator(TextMapPropagator propagator) {
            this.propagator = Objects.requireNonNull(propagator, "propagator");
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** The jitter source (default: ThreadLocalRandom); access is synchronized on it. */
        public Builder random(RandomGenerator random) {
            this.random = random;
            return this;
        }

        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = sleeper;
            return this;
        }

        public VertxGateway build() {
            if (keySource == null) {
                throw new IllegalArgumentException("a key source is required, e.g. new EnvironmentKeySource() "
                        + "(reads FIELDSYNC_API_KEY)");
            }
            if (budget == null) {
                throw new IllegalArgumentException("a rate budget is required: every gateway call spends a token first");
            }
            requirePositive(attemptTimeout, "attemptTimeout");
            requirePositive(deadline, "deadline");
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(sleeper, "sleeper");
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
            }
            if (maxResponseBytes < 1024) {
                throw new IllegalArgumentException("maxResponseBytes must be at least 1024, got " + maxResponseBytes);
            }
            if (maxConnections < 1) {
                throw new IllegalArgumentException("maxConnections must be at least 1, got " + maxConnections);
            }
            URI uri = parseBaseUrl(baseUrl, allowPlainHttp);
            boolean owns = vertx == null;
            Vertx instance = owns ? Vertx.vertx() : vertx;
            return new VertxGateway(this, uri, instance, owns);
        }

        private static void requirePositive(Duration duration, String name) {
            if (duration == null || duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException(name + " must be a positive duration, got " + duration);
            }
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
            if (scheme.equals("http") && !allowPlainHttp && !LOOPBACK_HOSTS.contains(uri.getHost().toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("plain http:// would send the API key unencrypted to " + uri.getHost()
                        + "; use https://, or call allowPlainHttp(true) for a test gateway (plain http is allowed "
                        + "without it only to 127.0.0.1, localhost or ::1)");
            }
            return uri;
        }
    }
}
