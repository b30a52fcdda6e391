package dev.fieldsync.app.metrics;

import dev.fieldsync.ports.out.budget.BudgetStatus;
import dev.fieldsync.ports.out.budget.Priority;
import dev.fieldsync.ports.out.budget.RateBudget;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * Records how long callers wait for budget ({@code fieldsync_budget_wait}, by priority), the 429s reported
 * ({@code fieldsync_gateway_rate_limited}, and per minute in the {@link RequestHistory}) and the free tokens;
 * otherwise just delegates. Every meter is tagged with its integration ({@code integration}), one budget each.
 */
public final class MeteredRateBudget implements RateBudget {
    private final RateBudget delegate;
    private final MeterRegistry registry;
    private final Counter rateLimited;
    private final RequestHistory history;
    private final String integration;

    public MeteredRateBudget(RateBudget delegate, MeterRegistry registry, RequestHistory history, String integration) {
        this.delegate = delegate;
        this.registry = registry;
        this.history = history;
        this.integration = integration;
        this.rateLimited = Counter.builder("fieldsync.gateway.rate.limited")
                .description("429 answers reported to the budget")
                .tag(MeteredGateway.INTEGRATION_TAG, integration)
                .register(registry);
        Gauge.builder(
                        "fieldsync.budget.available.tokens",
                        delegate,
                        budget -> budget.status().availableTokens())
                .description("Tokens free in the request budget now")
                .tag(MeteredGateway.INTEGRATION_TAG, integration)
                .register(registry);
    }

    @Override
    public Duration acquire(Priority priority) throws InterruptedException {
        Duration waited = delegate.acquire(priority);
        Timer.builder("fieldsync.budget.wait")
                .description("Time spent waiting for a request token")
                .tag("priority", priority.name().toLowerCase(java.util.Locale.ROOT))
                .tag(MeteredGateway.INTEGRATION_TAG, integration)
                .register(registry)
                .record(waited);
        return waited;
    }

    @Override
    public void reportRateLimited() {
        rateLimited.increment();
        history.recordRateLimited();
        delegate.reportRateLimited();
    }

    @Override
    public BudgetStatus status() {
        return delegate.status();
    }
}
