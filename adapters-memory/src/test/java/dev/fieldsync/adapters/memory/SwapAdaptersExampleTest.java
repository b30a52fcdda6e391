package dev.fieldsync.adapters.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.domain.problem.ProblemCode;
import dev.fieldsync.domain.sync.SyncCheckpoint;
import dev.fieldsync.domain.sync.SyncWindow;
import dev.fieldsync.ports.out.budget.Priority;
import dev.fieldsync.ports.out.gateway.Gateway;
import dev.fieldsync.ports.out.gateway.GatewayOperation;
import dev.fieldsync.ports.out.gateway.GatewayProblemException;
import dev.fieldsync.ports.out.gateway.JobPage;
import dev.fieldsync.ports.out.gateway.JobQuery;
import dev.fieldsync.ports.out.store.Jobs;
import dev.fieldsync.ports.out.store.SyncCheckpoints;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The README's example, compiled and run: a small sync loop written only against ports, over these adapters. */
class SwapAdaptersExampleTest {
    private final IntegrationId integration = IntegrationId.of("acme");

    @Test
    void theReadmeExampleHolds() {
        ManualClock clock = new ManualClock(Instant.parse("2026-03-01T00:00:00Z"));
        var budget = new VirtualTimeRateBudget(clock, 40, 40, 4);
        var gateway = ScriptedGateway.withDefaultData(clock, budget, 500, 42);
        var checkpoints = new InMemorySyncCheckpoints();
        var jobs = new InMemoryJobs(checkpoints);
        gateway.failNextWithProblem(GatewayOperation.LIST_JOBS, 1, ProblemCode.INTERNAL);
        new MiniSync(integration, gateway, jobs, checkpoints, clock).run();
        assertThat(jobs.count(integration)).isEqualTo(500);
        assertThat(budget.maxGrantsInAnyWindow(Duration.ofMinutes(1))).isLessThanOrEqualTo(40 + 40);
        assertThat(gateway.calls(GatewayOperation.LIST_JOBS)).isEqualTo(6);
        assertThat(checkpoints.load(integration).orElseThrow().lastCompletedTo())
                .contains(clock.instant());
    }

    /** Stands in for the application's sync use case: it sees only ports. */
    private record MiniSync(
            IntegrationId integration, Gateway gateway, Jobs jobs, SyncCheckpoints checkpoints, Clock clock) {
        void run() {
            Instant now = clock.instant();
            SyncCheckpoint checkpoint = checkpoints
                    .load(integration)
                    .orElse(SyncCheckpoint.initial(integration))
                    .startPass(new SyncWindow(now.minus(Duration.ofDays(31)), now), now);
            JobQuery query = JobQuery.updatedBetween(now.minus(Duration.ofDays(31)), now);
            Optional<String> cursor = Optional.empty();
            boolean more = true;
            while (more) {
                JobPage page;
                try {
                    page = gateway.listJobs(query, cursor, Priority.BACKGROUND);
                } catch (GatewayProblemException retryable) {
                    continue; // one retry is enough for this example
                }
                checkpoint = checkpoint.afterPage(page.nextCursor(), page.jobs().size());
                jobs.applyPage(integration, page.jobs(), checkpoint, clock.instant());
                cursor = page.nextCursor();
                more = cursor.isPresent();
            }
            checkpoints.save(checkpoint.completePass());
        }
    }
}
