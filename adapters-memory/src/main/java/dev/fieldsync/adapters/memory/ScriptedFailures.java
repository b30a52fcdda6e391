package dev.fieldsync.adapters.memory;

import dev.fieldsync.adapters.memory.ScriptedGateway.AuthMode;
import dev.fieldsync.domain.problem.GatewayProblem;
import dev.fieldsync.domain.problem.ProblemCode;
import dev.fieldsync.ports.out.gateway.GatewayException;
import dev.fieldsync.ports.out.gateway.GatewayOperation;
import dev.fieldsync.ports.out.gateway.GatewayProblemException;
import dev.fieldsync.ports.out.gateway.OutcomeUnknownException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What {@link ScriptedGateway} is told to do wrong, and what it counts: failures queued per operation, the key's
 * authentication mode, creates whose outcome is reported unknown, calls per operation, and the fake request ids
 * of the failures it makes. Thread-safe.
 */
final class ScriptedFailures {
    private static final char[] CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

    /** The unknown-outcome scripts of creates: whether the create happened before the answer was lost. */
    enum Unknown {
        JOB_CREATED,
        JOB_NOT_CREATED,
        SITE_CREATED,
        SITE_NOT_CREATED
    }

    private final Map<GatewayOperation, Deque<Supplier<? extends GatewayException>>> queued = new HashMap<>();
    private final Map<GatewayOperation, Long> calls = new HashMap<>();
    private final Map<Unknown, Integer> unknowns = new HashMap<>();
    private AuthMode authMode = AuthMode.OK;
    private boolean rejectNextCursor;
    private long requestCounter;

    synchronized void count(GatewayOperation operation) {
        calls.merge(operation, 1L, Long::sum);
    }

    synchronized long calls(GatewayOperation operation) {
        return calls.getOrDefault(Objects.requireNonNull(operation, "operation"), 0L);
    }

    synchronized long totalCalls() {
        return calls.values().stream().mapToLong(Long::longValue).sum();
    }

    synchronized void failNext(GatewayOperation operation, int times, Supplier<? extends GatewayException> failure) {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(failure, "failure");
        requirePositive(times);
        for (int i = 0; i < times; i++) {
            queued.computeIfAbsent(operation, any -> new ArrayDeque<>()).add(failure);
        }
    }

    synchronized void authMode(AuthMode mode) {
        authMode = Objects.requireNonNull(mode, "mode");
    }

    synchronized void add(Unknown script, int times) {
        requirePositive(times);
        unknowns.merge(script, times, Integer::sum);
    }

    /** True (and counted down) when the next create should report this unknown outcome. */
    synchronized boolean take(Unknown script) {
        int left = unknowns.getOrDefault(script, 0);
        if (left == 0) {
            return false;
        }
        unknowns.put(script, left - 1);
        return true;
    }

    synchronized void rejectCursorsOnce() {
        rejectNextCursor = true;
    }

    /** True (once) when a list call that carries a cursor should be refused. */
    synchronized boolean takeCursorRejection() {
        boolean reject = rejectNextCursor;
        rejectNextCursor = false;
        return reject;
    }

    /** Throws what the key's mode or the queue has in store for a call of {@code operation}, if anything. */
    synchronized void apply(GatewayOperation operation) {
        switch (authMode) {
            case UNAUTHORIZED -> throw problem(operation, ProblemCode.UNAUTHORIZED, "Unauthorized");
            case NO_SCOPE ->
                throw problem(operation, ProblemCode.NO_SCOPE, "No customers attached to this integration");
            case OK -> {}
        }
        Deque<Supplier<? extends GatewayException>> next = queued.get(operation);
        Supplier<? extends GatewayException> failure = next == null ? null : next.poll();
        if (failure != null) {
            throw Objects.requireNonNull(failure.get(), "the failure supplier returned null");
        }
    }

    synchronized GatewayProblemException problem(GatewayOperation operation, ProblemCode code, String title) {
        long request = ++requestCounter;
        GatewayProblem problem = new GatewayProblem(
                code,
                code.type(),
                code.status(),
                title,
                Optional.of(gatewayRequestId(request)),
                Optional.of(clientRequestId(request)));
        return new GatewayProblemException(operation.label(), problem);
    }

    /** A timeout: our request id is known, the gateway never answered, so it has none. */
    synchronized OutcomeUnknownException outcomeUnknown(GatewayOperation operation, String message) {
        return new OutcomeUnknownException(
                operation.label(), message, Optional.of(clientRequestId(++requestCounter)), Optional.empty(), null);
    }

    private static String clientRequestId(long request) {
        return "fs-test-" + request;
    }

    /** A gateway-style request id: "req_" and 26 Crockford base-32 characters. */
    private static String gatewayRequestId(long request) {
        long n = request;
        char[] chars = new char[26];
        for (int i = 25; i >= 0; i--) {
            chars[i] = CROCKFORD[(int) (n & 31)];
            n >>>= 5;
        }
        return "req_" + new String(chars);
    }

    private static void requirePositive(int times) {
        if (times < 1) {
            throw new IllegalArgumentException("times must be at least 1, got " + times);
        }
    }
}
