package dev.fieldsync.application.submission;

import static dev.fieldsync.application.submission.SubmitJobTest.draft;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldsync.application.Scenario;
import dev.fieldsync.ports.in.sync.SyncOutcome;
import dev.fieldsync.ports.in.sync.SyncProgress;
import dev.fieldsync.ports.in.sync.SyncProgressListener;
import dev.fieldsync.ports.in.write.DispatchSubmissions.DispatchReport;
import dev.fieldsync.ports.in.write.SubmitResult;
import dev.fieldsync.ports.out.budget.Priority;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * ARCHITECTURE.md §2: an interactive call waits at most about one refill interval even while a full sync
 * runs. A sync of 6,000 jobs (60 pages at 40/min, burst 40) spends its burst and then runs at the refill
 * rate; between its pages we submit and dispatch a job and measure the virtual time the create waited.
 */
class InteractiveLatencyTest {
    private static final Duration REFILL = Duration.ofMillis(1500);

    @Test
    void anInteractiveSubmitWaitsAtMostOneRefillIntervalWhileAFullSyncRuns() {
        measureWhileSyncing(new Scenario(6000, 40, 40, 2, Scenario.GOOD_KEY));
    }

    @Test
    void evenWithoutAReserveTheWaitIsBoundedByOneRefill() {
        measureWhileSyncing(new Scenario(6000, 40, 40, 0, Scenario.GOOD_KEY));
    }

    private static void measureWhileSyncing(Scenario s) {
        s.loadCatalog();
        // This measures the budget's priorities; the hold on creates while an integration's very first pass is
        // younger than the reconcile margin (ReconciliationRuleTest) is a deliberate wait of its own: margin 0.
        var core = s.newCore(
                dev.fieldsync.application.CoreSettings.defaults().with(b -> b.reconcileMargin(Duration.ZERO)));
        List<Duration> waits = new ArrayList<>();
        SyncProgressListener interleave = new SyncProgressListener() {
            private int page;

            @Override
            public void onPage(SyncProgress progress) {
                page++;
                if (page >= 30 && page % 5 == 0) {
                    SubmitResult accepted = core.submitJob()
                            .submit(draft("3065756", "Service", "Urgent call-out " + page, null, Map.of()));
                    assertThat(accepted).isInstanceOf(SubmitResult.Accepted.class);
                    Instant before = s.clock().instant();
                    DispatchReport report = core.dispatchSubmissions().dispatchDue(1);
                    waits.add(Duration.between(before, s.clock().instant()));
                    assertThat(report.created()).isEqualTo(1);
                }
            }
        };

        Instant start = s.clock().instant();
        SyncOutcome outcome = core.syncJobs().runPass(interleave);

        assertThat(outcome.completed()).isTrue();
        assertThat(outcome.pages()).isEqualTo(60);
        // The sync really was budget-bound: 60 background calls past a burst of 40 took virtual time.
        assertThat(Duration.between(start, s.clock().instant())).isGreaterThan(REFILL.multipliedBy(15));
        assertThat(s.budget().grants(Priority.INTERACTIVE)).isEqualTo(7);
        assertThat(waits).hasSize(7).allSatisfy(wait -> assertThat(wait).isLessThanOrEqualTo(REFILL));
        // Never more than the burst plus one minute's refill in any minute.
        assertThat(s.budget().maxGrantsInAnyWindow(Duration.ofMinutes(1))).isLessThanOrEqualTo(80);
        System.out.println("interactive waits during a 60-page sync (" + s.budget() + "): " + waits + "; sync took "
                + Duration.between(start, s.clock().instant()));
    }
}
