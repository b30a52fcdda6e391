package dev.fieldsync.adapters.vertx.gateway;

import dev.fieldsync.adapters.vertx.gateway.Attempt.Answer;
import dev.fieldsync.adapters.vertx.requestid.Ulid;
import dev.fieldsync.domain.key.ApiKey;
import dev.fieldsync.ports.out.budget.RateBudget;
import dev.fieldsync.ports.out.gateway.GatewayException;
import dev.fieldsync.ports.out.gateway.GatewayOperation;
import dev.fieldsync.ports.out.gateway.GatewayProblemException;
import dev.fieldsync.ports.out.gateway.GatewayUnavailableException;
import dev.fieldsync.ports.out.gateway.KeySource;
import dev.fieldsync.ports.out.log.LogFields;
import io.vertx.core.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One call from start to end (ARCHITECTURE.md §3): budget first, then attempts judged by {@link RetryPolicy} —
 * backoff with full jitter between them, the next key once after a 401, a 429 told to the budget, all within the
 * call's deadline (budget waits excluded) — and one log line per call with both request ids.
 */
final class CallRunner {
    private static final System.Logger LOG = System.getLogger(VertxGateway.class.getName());

    private final KeySource keySource;
    private final RateBudget budget;
    private final VertxGatewayOptions options;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Backoff backoff;
    private final Ulid requestIds;
    private final AttemptSender sender;
    private final FailureTranslation failures;
    private final LogFields logFields;
    private final KeyRotation rotation = new KeyRotation();

    CallRunner(
            KeySource keySource,
            RateBudget budget,
            VertxGatewayOptions options,
            Clock clock,
            Sleeper sleeper,
            Backoff backoff,
            Ulid requestIds,
            AttemptSender sender,
            LogFields logFields) {
        this.keySource = keySource;
        this.budget = budget;
        this.options = options;
        this.clock = clock;
        this.sleeper = sleeper;
        this.backoff = backoff;
        this.requestIds = requestIds;
        this.sender = sender;
        this.failures = new FailureTranslation(sender.host(), options.maxResponseBytes());
        this.logFields = logFields;
    }

    /** Running totals of a call, for its one log line. */
    private static final class CallLog {
        int attempts;
        long budgetWaitMillis;
        int lastStatus;
        String clientRequestId = "";
        Optional<String> gatewayRequestId = Optional.empty();
    }

    <R> R run(Request<R> request) {
        if (Context.isOnEventLoopThread()) {
            throw new IllegalStateException("VertxGateway calls block; do not call "
                    + request.operation().label() + " on a Vert.x event-loop thread (use executeBlocking or a worker)");
        }
        Instant started = clock.instant();
        CallLog log = new CallLog();
        try {
            R result = attempts(request, started, log);
            logCall(request.operation(), log, started, null);
            return result;
        } catch (GatewayException failure) {
            logCall(request.operation(), log, started, failure);
            throw failure;
        }
    }

    private <R> R attempts(Request<R> request, Instant started, CallLog log) {
        GatewayOperation operation = request.operation();
        List<ApiKey> keys = keySource.keys();
        ApiKey key = rotation.current(keys);
        boolean switchedKey = false;
        Instant deadlineAt = started.plus(options.deadline());
        GatewayException lastFailure = null;
        while (true) {
            Duration waited = acquireBudget(request, log);
            deadlineAt = deadlineAt.plus(waited); // waiting for budget is the budget's business, not a gateway fault
            Duration remaining = Duration.between(clock.instant(), deadlineAt);
            if (remaining.isNegative() || remaining.isZero()) {
                throw gaveUp(operation, log, lastFailure);
            }
            Duration timeout = remaining.compareTo(options.attemptTimeout()) < 0 ? remaining : options.attemptTimeout();
            String requestId = requestIds.next();
            log.attempts++;
            log.clientRequestId = requestId;
            log.gatewayRequestId = Optional.empty();
            Attempt attempt = sender.attempt(request, key, requestId, timeout, log.attempts - 1, waited);
            if (attempt instanceof Answer answer) {
                log.lastStatus = answer.status();
                log.gatewayRequestId = answer.gatewayRequestId();
            }
            switch (RetryPolicy.classify(operation.repeatability(), attempt.signal())) {
                case SUCCEEDED:
                    return failures.read((Answer) attempt, request, requestId);
                case TRY_NEXT_KEY:
                    Optional<ApiKey> next = switchedKey ? Optional.empty() : rotation.switchFrom(key, keys);
                    if (next.isPresent()) {
                        LOG.log(
                                System.Logger.Level.WARNING,
                                "gateway answered 401 to key {0}; switched to the "
                                        + "next key {1} from {2} (request {3})",
                                key,
                                next.get(),
                                keySource.describe(),
                                requestId);
                        key = next.get();
                        switchedKey = true;
                        continue;
                    }
                    throw failures.failureOf(operation, attempt, requestId);
                case FINAL:
                    throw failures.failureOf(operation, attempt, requestId);
                case OUTCOME_UNKNOWN:
                    throw failures.outcomeUnknown(operation, attempt, requestId);
                case RETRY:
                default:
                    lastFailure = failures.failureOf(operation, attempt, requestId);
                    if (attempt instanceof Answer answer && answer.status() == 429) {
                        budget.reportRateLimited();
                    }
                    if (log.attempts >= options.maxAttempts()) {
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

    private Duration acquireBudget(Request<?> request, CallLog log) {
        try {
            Duration waited = budget.acquire(request.priority());
            log.budgetWaitMillis += waited.toMillis();
            return waited;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GatewayUnavailableException(
                    request.operation().label(),
                    "interrupted while waiting for budget",
                    Optional.empty(),
                    Optional.empty(),
                    e);
        }
    }

    private void sleep(GatewayOperation operation, Duration pause, CallLog log) {
        try {
            sleeper.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GatewayUnavailableException(
                    operation.label(),
                    "interrupted while backing off",
                    Optional.of(log.clientRequestId),
                    log.gatewayRequestId,
                    e);
        }
    }

    private GatewayUnavailableException gaveUp(GatewayOperation operation, CallLog log, GatewayException last) {
        String lastOutcome = last == null ? "no attempt fitted in the deadline" : "last: " + last.getMessage();
        return new GatewayUnavailableException(
                operation.label(),
                "gave up after " + log.attempts + " attempt(s) " + "within the deadline of "
                        + options.deadline().toSeconds() + " s (" + lastOutcome + ")",
                log.attempts == 0 ? Optional.empty() : Optional.of(log.clientRequestId),
                log.gatewayRequestId,
                last);
    }

    private void logCall(GatewayOperation operation, CallLog log, Instant started, GatewayException failure) {
        long millis = Duration.between(started, clock.instant()).toMillis();
        String outcome = failure == null
                ? "ok"
                : failure.getClass().getSimpleName()
                        + (failure instanceof GatewayProblemException problem
                                ? " " + problem.problem().codeName()
                                : "");
        System.Logger.Level level = failure == null ? System.Logger.Level.INFO : System.Logger.Level.WARNING;
        if (LOG.isLoggable(level)) {
            String status = log.lastStatus == 0 ? "-" : Integer.toString(log.lastStatus);
            String requestId = log.clientRequestId.isEmpty() ? "-" : log.clientRequestId;
            String gatewayRequestId = log.gatewayRequestId.orElse("-");
            try (LogFields.Scope fields = logFields.with(Map.of(
                    "gateway_call",
                    operation.label(),
                    "gateway_status",
                    status,
                    "request_id",
                    requestId,
                    "gateway_request_id",
                    gatewayRequestId))) {
                LOG.log(
                        level,
                        "{0} status={1} attempts={2} duration_ms={3} budget_wait_ms={4} request_id={5} "
                                + "gateway_request_id={6} outcome={7}",
                        operation.label(),
                        status,
                        Integer.toString(log.attempts),
                        Long.toString(millis),
                        Long.toString(log.budgetWaitMillis),
                        requestId,
                        gatewayRequestId,
                        failure == null
                                ? outcome
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
        return cause == null || cause instanceof GatewayException
                ? ""
                : "; cause " + cause.getClass().getSimpleName();
    }
}
