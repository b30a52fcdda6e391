package dev.fieldsync.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fieldsync.app.cli.Contexts;
import dev.fieldsync.app.config.ConfigurationProblem;
import dev.fieldsync.app.wiring.Adapters;
import dev.fieldsync.ports.out.budget.Priority;
import dev.fieldsync.ports.out.budget.RateBudget;
import dev.fieldsync.sandbox.SandboxKeys;
import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@code fieldsync.budget.shared=true}: two service instances over one PostgreSQL schema spend one bucket. A tiny
 * budget (burst 5, one token a minute) is drained by both at once; together they get the burst and no more
 * (plus what refilled while the test ran), where two local budgets would hand out the burst each.
 */
class SharedBudgetTest {
    static final int BURST = 5;
    static final int RATE_PER_MINUTE = 1;

    @Test
    void twoInstancesOnOnePostgresSchemaShareOneBudget() throws Exception {
        Map<String, Object> database = new HashMap<>(TestDatabases.postgres());
        database.put("fieldsync.integration-id", TestDatabases.uniqueIntegration());
        long started = System.nanoTime();
        try (ApplicationContext first = Contexts.server(instance(database));
                ApplicationContext second = Contexts.server(instance(database))) {
            AtomicInteger granted = new AtomicInteger();
            List<Thread> takers = List.of(taker(first, granted), taker(second, granted));
            takers.forEach(Thread::start);
            try {
                ServiceEndToEndTest.poll(
                        Duration.ofSeconds(30), "the burst to be spent", () -> granted.get() >= BURST ? granted : null);
                // Both keep asking; only a refill could grant more. Give them time to overspend if they could.
                Thread.sleep(1_000);
            } finally {
                takers.forEach(Thread::interrupt);
                for (Thread taker : takers) {
                    taker.join(10_000);
                }
            }
            double minutes = (System.nanoTime() - started) / 60e9;
            long refilled = (long) Math.ceil(minutes * RATE_PER_MINUTE);
            assertThat(granted.get())
                    .as("one shared bucket: the burst plus what refilled, not a burst per instance")
                    .isBetween(BURST, BURST + (int) refilled);
        }
    }

    @Test
    void aSharedBudgetOnH2StopsStartUpWithTheFix() {
        Map<String, Object> properties = instance(TestDatabases.h2());
        assertThatThrownBy(() -> Contexts.server(properties).close())
                .satisfies(failure -> assertThat(ConfigurationProblem.in(failure))
                        .hasValueSatisfying(problem -> assertThat(problem.getMessage())
                                .contains("fieldsync.budget.shared")
                                .contains("set fieldsync.budget.shared=false")));
    }

    /** A service instance whose only spending is this test's: no sync, nothing in the outbox, no gateway call. */
    private static Map<String, Object> instance(Map<String, Object> database) {
        Map<String, Object> properties = new HashMap<>(database);
        properties.put("micronaut.server.port", -1);
        properties.put("fieldsync.gateway.base-url", "http://127.0.0.1:9");
        properties.put("fieldsync.key.value", SandboxKeys.FULL);
        properties.put("fieldsync.api.token", "budget-test-token-0123456789");
        properties.put("fieldsync.sync.enabled", false);
        properties.putIfAbsent("fieldsync.integration-id", "budget-test");
        properties.put("fieldsync.budget.shared", true);
        properties.put("fieldsync.budget.rate-per-minute", RATE_PER_MINUTE);
        properties.put("fieldsync.budget.burst", BURST);
        properties.put("fieldsync.budget.background-reserve", 0);
        return properties;
    }

    /** Takes tokens from one instance's budget until interrupted, counting the grants. */
    private static Thread taker(ApplicationContext context, AtomicInteger granted) {
        RateBudget budget = context.getBean(Adapters.class).budget();
        Thread thread = new Thread(
                () -> {
                    try {
                        while (!Thread.currentThread().isInterrupted()) {
                            budget.acquire(Priority.INTERACTIVE);
                            granted.incrementAndGet();
                        }
                    } catch (InterruptedException stopped) {
                        Thread.currentThread().interrupt();
                    }
                },
                "budget-taker");
        thread.setDaemon(true);
        return thread;
    }
}
