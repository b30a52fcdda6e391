package dev.fieldsync.app.metrics;

import dev.fieldsync.domain.problem.ProblemCode;
import dev.fieldsync.ports.out.gateway.Gateway;
import dev.fieldsync.ports.out.gateway.GatewayCall;
import dev.fieldsync.ports.out.gateway.GatewayException;
import dev.fieldsync.ports.out.gateway.GatewayProblemException;
import dev.fieldsync.ports.out.gateway.GatewayResponseException;
import dev.fieldsync.ports.out.gateway.GatewayUnavailableException;
import dev.fieldsync.ports.out.gateway.KeyUnavailableException;
import dev.fieldsync.ports.out.gateway.OutcomeUnknownException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Counts and times every gateway call by route template and outcome ({@code fieldsync_gateway_calls}), and
 * remembers the last outcome for health; each call counts in its minute of the {@link RequestHistory} (by priority,
 * lookups apart), tagged with its integration ({@code integration}). Decorates {@link Gateway#call}, so it covers every operation of
 * {@code GatewayOperation} without naming one. Adds no behaviour: results and exceptions pass through.
 */
public final class MeteredGateway implements Gateway {
    /** The tag naming the integration on every meter that is per integration (gateway calls, budget). */
    public static final String INTEGRATION_TAG = "integration";

    private final Gateway delegate;
    private final MeterRegistry registry;
    private final LastGatewayOutcome lastOutcome;
    private final RequestHistory history;
    private final String integration;

    public MeteredGateway(
            Gateway delegate,
            MeterRegistry registry,
            LastGatewayOutcome lastOutcome,
            RequestHistory history,
            String integration) {
        this.delegate = delegate;
        this.registry = registry;
        this.lastOutcome = lastOutcome;
        this.history = history;
        this.integration = integration;
    }

    @Override
    public <R> R call(GatewayCall<R> call) {
        String route = call.operation().label();
        history.recordCall(
                call instanceof GatewayCall.Lookup<?>
                        ? RequestHistory.LOOKUPS
                        : RequestHistory.seriesOf(call.priority()));
        Timer.Sample sample = Timer.start(registry);
        String outcome = "ok";
        boolean healthy = true;
        try {
            return delegate.call(call);
        } catch (GatewayException failure) {
            outcome = outcomeOf(failure);
            healthy = isHealthy(failure);
            throw failure;
        } catch (RuntimeException unexpected) {
            outcome = "error";
            healthy = false;
            throw unexpected;
        } finally {
            sample.stop(Timer.builder("fieldsync.gateway.calls")
                    .description("Gateway calls by route template and outcome")
                    .tag("route", route)
                    .tag("outcome", outcome)
                    .tag(INTEGRATION_TAG, integration)
                    .register(registry));
            lastOutcome.record(route, outcome, healthy);
        }
    }

    /** A stable, low-cardinality outcome tag: the problem code, or the kind of failure. */
    static String outcomeOf(GatewayException failure) {
        if (failure instanceof GatewayProblemException problem) {
            return problem.problem().codeName();
        } else if (failure instanceof OutcomeUnknownException) {
            return "outcome-unknown";
        } else if (failure instanceof GatewayUnavailableException) {
            return "unavailable";
        } else if (failure instanceof GatewayResponseException) {
            return "bad-response";
        } else if (failure instanceof KeyUnavailableException) {
            return "no-key";
        }
        return "error";
    }

    /** A refused request (a client error) says nothing bad about the gateway; auth and server faults do. */
    private static boolean isHealthy(GatewayException failure) {
        if (failure instanceof GatewayProblemException problem) {
            ProblemCode code = problem.problem().code();
            int status = problem.problem().status();
            return status < 500 && code != ProblemCode.UNAUTHORIZED && code != ProblemCode.NO_SCOPE;
        }
        return false;
    }
}
