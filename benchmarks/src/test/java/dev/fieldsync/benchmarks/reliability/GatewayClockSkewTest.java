package dev.fieldsync.benchmarks.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldsync.adapters.memory.UnlimitedRateBudget;
import dev.fieldsync.benchmarks.harness.MirrorOracle;
import dev.fieldsync.benchmarks.harness.SandboxAdmin;
import dev.fieldsync.benchmarks.harness.Stack;
import dev.fieldsync.ports.in.sync.GatewayClockStatus;
import dev.fieldsync.ports.in.sync.SyncJobs;
import dev.fieldsync.ports.in.sync.SyncOutcome;
import dev.fieldsync.ports.in.sync.SyncProgressListener;
import dev.fieldsync.sandbox.GatewaySandbox;
import dev.fieldsync.sandbox.SandboxKeys;
import dev.fieldsync.sandbox.SandboxOptions;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 14's finding: a gateway whose clock runs behind ours by more than the 2-minute overlap, while the office
 * edits jobs and incremental passes run. With windows on the gateway's clock (its Date headers), the incremental
 * passes alone leave mirror = dump once the world stops; on our clock they miss the edits, and the status says so.
 */
class GatewayClockSkewTest {
    private static final Duration CHANGING = Duration.ofSeconds(12);

    @ParameterizedTest(name = "gateway clock {0} s, windows on its clock: {1}")
    @CsvSource({"-150, true", "-300, true", "-150, false"})
    void incrementalPassesConvergeOnlyOnTheGatewaysClock(int offsetSeconds, boolean onGatewayClock) throws Exception {
        SandboxOptions world = SandboxOptions.defaults()
                .seed(14)
                .jobs(1500)
                .rateLimited(false)
                .gatewayClock(offsetSeconds, 0)
                .officeEditRatePerSecond(15);
        try (GatewaySandbox sandbox = GatewaySandbox.start(world);
                Stack stack =
                        Stack.memory(Stack.Options.of(sandbox.baseUrl(), SandboxKeys.FULL, new UnlimitedRateBudget())
                                .with("fieldsync.sync.gateway-clock", onGatewayClock))) {
            SyncJobs sync = stack.core().syncJobs();
            assertThat(sync.runPass(SyncProgressListener.NONE).completed()).isTrue();
            long end = System.nanoTime() + CHANGING.toNanos();
            int passes = 1;
            while (System.nanoTime() < end) {
                sandbox.touch(3);
                Thread.sleep(400);
                assertThat(sync.runPass(SyncProgressListener.NONE).completed()).isTrue();
                passes++;
            }
            sandbox.settings().people(false); // the world stops; two more incremental passes, no sweep
            for (int i = 0; i < 2; i++) {
                SyncOutcome last = sync.runPass(SyncProgressListener.NONE);
                assertThat(last.completed()).isTrue();
            }

            MirrorOracle.Report report =
                    MirrorOracle.compare(new SandboxAdmin(sandbox.baseUrl()), stack.jobs(), Stack.INTEGRATION);
            GatewayClockStatus clock = sync.status().gatewayClock();
            System.out.println("gateway clock " + offsetSeconds + " s, windows on its clock " + onGatewayClock + ", "
                    + passes + " passes, office edits " + sandbox.stats().officeEdits() + ": " + report.summary()
                    + "; estimated offset " + clock.offset().orElseThrow() + "; warning "
                    + clock.warning().orElse("-"));

            assertThat(clock.offset().orElseThrow().toMillis())
                    .as("estimated offset")
                    .isBetween(offsetSeconds * 1000L - 1500, offsetSeconds * 1000L + 1500);
            assertThat(clock.windowsOnGatewayClock()).isEqualTo(onGatewayClock);
            assertThat(clock.warning())
                    .hasValueSatisfying(warning -> assertThat(warning)
                            .containsPattern("(" + (Math.abs(offsetSeconds) - 1) + "|" + Math.abs(offsetSeconds) + "|"
                                    + (Math.abs(offsetSeconds) + 1) + ") s behind ours")
                            .contains("more than half the 120 s overlap")
                            .contains("fieldsync.sync.gateway-clock=" + onGatewayClock));
            if (onGatewayClock) {
                assertThat(report.converged()).as(report.summary()).isTrue();
            } else {
                assertThat(report.different().size() + report.missing().size())
                        .as("the edits the passes missed: " + report.summary())
                        .isPositive();
            }
        }
    }
}
