package dev.fieldsync.benchmarks.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.fieldsync.adapters.memory.UnlimitedRateBudget;
import dev.fieldsync.benchmarks.harness.Databases;
import dev.fieldsync.benchmarks.harness.MirrorOracle;
import dev.fieldsync.benchmarks.harness.SandboxAdmin;
import dev.fieldsync.benchmarks.harness.Stack;
import dev.fieldsync.ports.in.sync.SweepJobs;
import dev.fieldsync.ports.in.sync.SweepOutcome;
import dev.fieldsync.ports.in.sync.SweepStatus;
import dev.fieldsync.ports.in.sync.SyncJobs;
import dev.fieldsync.ports.in.sync.SyncProgressListener;
import dev.fieldsync.sandbox.GatewaySandbox;
import dev.fieldsync.sandbox.SandboxKeys;
import dev.fieldsync.sandbox.SandboxOptions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 14's test of the verification sweep against the sandbox's dump: the gateway's clock 5 minutes behind ours,
 * 2 % of the jobs moved out of the key's scope while the office edits and incremental passes run. With windows on
 * the gateway's clock the passes alone converge (the sweep repairs nothing) and the sweep marks exactly the moved
 * jobs gone; on our clock the passes miss edits, and the sweep repairs them, counts them and widens the overlap.
 * Either way one sweep leaves mirror = dump, on H2 and on PostgreSQL.
 */
class SweepConvergenceTest {
    private static final Duration CHANGING = Duration.ofSeconds(10);

    @ParameterizedTest(name = "{0}, windows on the gateway clock: {1}")
    @CsvSource({"h2, true", "h2, false", "postgresql, true", "postgresql, false"})
    void oneSweepLeavesMirrorEqualToDump(String store, boolean onGatewayClock) throws Exception {
        boolean postgres = store.equals("postgresql");
        assumeTrue(!postgres || Databases.postgresAvailable(), "PostgreSQL at 127.0.0.1:5432");
        SandboxOptions world = SandboxOptions.defaults()
                .seed(14)
                .jobs(800)
                .rateLimited(false)
                .gatewayClock(-300, 0)
                .officeEditRatePerSecond(15);
        String schema = "sweep_" + onGatewayClock;
        try (GatewaySandbox sandbox = GatewaySandbox.start(world);
                Stack stack = Stack.sql(
                        Stack.Options.of(sandbox.baseUrl(), SandboxKeys.FULL, new UnlimitedRateBudget())
                                .with("fieldsync.sync.gateway-clock", onGatewayClock),
                        postgres
                                ? Databases.postgresFreshSchema(schema, 4)
                                : Databases.h2Memory("sweep-" + onGatewayClock + "-" + System.nanoTime(), 4),
                        true)) {
            SyncJobs sync = stack.core().syncJobs();
            SweepJobs sweep = stack.core().sweepJobs();
            assertThat(sync.runPass(SyncProgressListener.NONE).completed()).isTrue();
            List<String> moved = sandbox.scope().moveOutShare(0.02, 14);
            long end = System.nanoTime() + CHANGING.toNanos();
            while (System.nanoTime() < end) {
                sandbox.touch(3);
                Thread.sleep(400);
                assertThat(sync.runPass(SyncProgressListener.NONE).completed()).isTrue();
            }
            sandbox.settings().people(false); // the world stops; two more incremental passes
            for (int i = 0; i < 2; i++) {
                assertThat(sync.runPass(SyncProgressListener.NONE).completed()).isTrue();
            }
            SandboxAdmin admin = new SandboxAdmin(sandbox.baseUrl());
            MirrorOracle.Report before = MirrorOracle.compare(admin, stack.jobs(), Stack.INTEGRATION);
            Duration overlapBefore = sweep.status().overlap();

            SweepOutcome outcome = sweep.runSweep(SyncProgressListener.NONE);

            MirrorOracle.Report after = MirrorOracle.compare(admin, stack.jobs(), Stack.INTEGRATION);
            SweepStatus status = sweep.status();
            System.out.println(store + ", gateway clock -300 s, windows on its clock " + onGatewayClock
                    + ", office edits " + sandbox.stats().officeEdits() + ", moved out " + moved.size()
                    + ": before the sweep " + before.summary() + "; sweep " + outcome + "; after " + after.summary()
                    + "; missed_by_incremental " + status.missedByIncremental() + ", overlap " + overlapBefore
                    + " -> " + status.overlap());
            // A moved job an edit kept out of every window before it moved was never mirrored: nothing to mark.
            List<String> mirroredMoved = before.outOfScopeListed(); // incremental passes cannot tell they left
            assertThat(mirroredMoved.size()).isBetween(moved.size() - 2, moved.size());
            assertThat(outcome.completed()).isTrue();
            assertThat(outcome.markedGone()).isEqualTo(mirroredMoved.size());
            assertThat(outcome.reviewRaised()).isFalse();
            assertThat(after.converged()).as(after.summary()).isTrue();
            assertThat(status.goneJobs()).isEqualTo(mirroredMoved.size());
            long stale = before.different().size() + before.missing().size();
            if (onGatewayClock) {
                assertThat(stale).as(before.summary()).isZero();
                assertThat(outcome.repaired()).isZero();
                assertThat(status.missedByIncremental()).isZero();
                assertThat(status.overlapWidened()).isFalse();
            } else {
                assertThat(stale)
                        .as("the edits the passes missed: " + before.summary())
                        .isPositive();
                assertThat(outcome.repaired() + outcome.newJobs()).isGreaterThanOrEqualTo(stale);
                assertThat(status.missedByIncremental()).isEqualTo(outcome.repaired());
                assertThat(sync.status().missedByIncremental()).isEqualTo(outcome.repaired());
                assertThat(status.overlap()).isEqualTo(overlapBefore.multipliedBy(2));
            }
        } finally {
            if (postgres) {
                Databases.dropPostgresSchema(schema);
            }
        }
    }
}
