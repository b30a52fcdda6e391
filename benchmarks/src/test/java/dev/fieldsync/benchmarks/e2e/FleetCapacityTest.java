package dev.fieldsync.benchmarks.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fieldsync.benchmarks.harness.Databases;
import dev.fieldsync.benchmarks.harness.ServiceProcess;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The capacity benchmark's harness ({@link FleetCapacity}) at a small size: 5 integrations x 300 jobs on one instance
 * at 20x, then a 16 s idle window. Oracles: the sandbox's counters and request logs (no 429, exactly the minimum of
 * requests per integration, passes going on while idle, never more than one page a pass while nothing changes) and
 * the instance's schema (each mirror holds exactly its tenant's jobs). The timing is asserted with a wide margin only
 * (a cold JVM on a shared machine): the benchmark reports the tight figure.
 */
class FleetCapacityTest {
    private static final int SCALE = 20;
    private static final Duration IDLE = Duration.ofSeconds(16);
    /** A cold instance's first pages on a loaded 2-core machine: the budget's bound is 0.7 s, this is not a bound. */
    private static final double SLACK_SECONDS = 30;

    @Test
    void fiveIntegrationsSyncOnOneInstanceWithTheMinimumOfRequestsAndNo429sThenIdle() throws Exception {
        assertTrue(ServiceProcess.jar().isPresent(), "app-micronaut/target/fieldsync.jar is not built");
        assertTrue(Databases.postgresAvailable(), "PostgreSQL is not reachable at " + Databases.PG_URL);

        FleetCapacity.Outcome outcome = FleetCapacity.measure(
                new FleetCapacity.Options(5, 300, SCALE, Duration.ZERO, IDLE, "384m", Duration.ofSeconds(60)));

        Results figures = new Results();
        FleetReport.put(figures, outcome);
        double intervalSeconds = 300.0 / SCALE;
        long mostIdlePasses = (long) Math.ceil(IDLE.toSeconds() / intervalSeconds) + 1;
        assertThat(outcome.integrations()).hasSize(5).allSatisfy(i -> {
            assertThat(i.rateLimited()).as(i.id() + " 429s").isZero();
            assertThat(i.requests()).as(i.id() + " requests").isEqualTo(i.minimum());
            assertThat(i.mirrored()).as(i.id() + " mirrored").isEqualTo(i.jobs());
            assertThat(i.mirrorExact())
                    .as(i.id() + " mirror = the tenant's jobs")
                    .isTrue();
            assertThat(i.wallSeconds())
                    .as(i.id() + " wall")
                    .isLessThanOrEqualTo(i.boundSeconds() * 1.02 + SLACK_SECONDS);
            assertThat(i.idlePasses()).as(i.id() + " passes while idle").isBetween(1, (int) mostIdlePasses);
            assertThat(i.idleRequests()).as(i.id() + " requests while idle").isEqualTo(i.idlePasses());
        });
        assertThat(outcome.defaultTenantRateLimited())
                .as("429s of the settings' own integration")
                .isZero();
        assertThat(outcome.serviceLinesWithAKey())
                .as("instance output lines with a key")
                .isZero();
        assertThat(outcome.instance().syncCpuSeconds()).isPositive();
        assertThat(outcome.instance().heapPeakBytes()).isPositive();
        assertThat(outcome.instance().threadsPeak()).isPositive();
    }
}
