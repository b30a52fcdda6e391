package dev.fieldsync.application.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldsync.application.Scenario;
import dev.fieldsync.domain.sync.SyncPolicy;
import dev.fieldsync.ports.in.sync.SyncOutcome;
import dev.fieldsync.ports.in.sync.SyncProgressListener;
import dev.fieldsync.ports.out.gateway.GatewayClock;
import dev.fieldsync.ports.out.gateway.GatewayOperation;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SyncClockTest {
    /** A gateway clock whose estimate the test sets. */
    static final class FixedOffset implements GatewayClock {
        volatile Optional<Duration> offset = Optional.empty();

        @Override
        public Optional<Duration> offset() {
            return offset;
        }
    }

    private static JobSyncService sync(Scenario s, SyncPolicy policy, GatewayClock clock) {
        return new JobSyncService(
                Scenario.INTEGRATION,
                s.gateway(),
                s.budget(),
                s.jobs(),
                s.checkpoints(),
                policy,
                s.clock(),
                clock,
                List.of(),
                List.of());
    }

    @Test
    void windowsEndOnTheGatewaysClockAndALargeOffsetIsWarnedAbout() {
        Scenario s = new Scenario(30);
        FixedOffset clock = new FixedOffset();
        clock.offset = Optional.of(Duration.ofSeconds(-150));
        JobSyncService sync = sync(s, SyncPolicy.defaults(), clock);

        SyncOutcome first = sync.runPass(SyncProgressListener.NONE);

        // The estimate plus its error margin, so that the window never ends before the gateway's true "now".
        assertThat(first.window().to())
                .isEqualTo(s.clock().instant().minusSeconds(150).plus(SyncClock.ESTIMATE_MARGIN));
        assertThat(sync.status().gatewayClock().offset()).contains(Duration.ofSeconds(-150));
        assertThat(sync.status().gatewayClock().windowsOnGatewayClock()).isTrue();
        assertThat(sync.status().gatewayClock().warning())
                .hasValueSatisfying(warning -> assertThat(warning)
                        .contains("150 s behind ours, more than half the 120 s overlap")
                        .contains("fieldsync.sync.gateway-clock=true"));
        // The lag is measured on the clock the windows are built on: none right after a pass.
        assertThat(sync.status().lag()).contains(Duration.ZERO);

        clock.offset = Optional.of(Duration.ofSeconds(-50));
        assertThat(sync.status().gatewayClock().warning()).isEmpty();
    }

    @Test
    void turnedOffWindowsStayOnOursAndTheWarningSaysWhatToDo() {
        Scenario s = new Scenario(30);
        FixedOffset clock = new FixedOffset();
        clock.offset = Optional.of(Duration.ofSeconds(-300));
        SyncPolicy ours = new SyncPolicy(SyncPolicy.DEFAULT_OVERLAP, SyncPolicy.DEFAULT_FIRST_PASS_HORIZON, false);
        JobSyncService sync = sync(s, ours, clock);

        SyncOutcome first = sync.runPass(SyncProgressListener.NONE);

        assertThat(first.window().to()).isEqualTo(s.clock().instant());
        assertThat(sync.status().gatewayClock().warning())
                .hasValueSatisfying(warning -> assertThat(warning)
                        .contains("300 s behind ours", "updates stamped outside them are missed")
                        .contains("Set fieldsync.sync.gateway-clock=true"));
    }

    @Test
    void withNothingKnownTheFirstNewWindowCostsOneReadOnce() {
        Scenario s = new Scenario(30);
        JobSyncService sync = sync(s, SyncPolicy.defaults(), new FixedOffset());

        sync.runPass(SyncProgressListener.NONE);
        sync.runPass(SyncProgressListener.NONE);

        // One page per pass and one read to learn the clock (it stays unknown here: the fake never learns).
        assertThat(s.gateway().calls(GatewayOperation.LIST_JOBS)).isEqualTo(3);
        assertThat(sync.status().gatewayClock().offset()).isEmpty();
    }

    @Test
    void aGatewayWithoutAClockCostsNothingExtra() {
        Scenario s = new Scenario(30);
        JobSyncService sync = sync(s, SyncPolicy.defaults(), GatewayClock.NONE);

        sync.runPass(SyncProgressListener.NONE);

        assertThat(s.gateway().calls(GatewayOperation.LIST_JOBS)).isEqualTo(1);
    }
}
