package dev.fieldsync.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldsync.ports.in.sync.SyncProgress;
import dev.fieldsync.ports.in.sync.SyncProgressListener;
import dev.fieldsync.ports.in.sync.SyncStall;
import dev.fieldsync.ports.out.gateway.GatewayOperation;
import dev.fieldsync.ports.out.gateway.GatewayUnavailableException;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StallWatchTest {
    private static final StallRule RULE = new StallRule(Duration.ofMinutes(5), 3, 3);

    private final Scenario s = new Scenario(1000);
    private final StallWatch watch = new StallWatch(s.core().syncJobs(), s.clock(), RULE);

    /** The next {@code times} listings fail: each pass from here on ends at its next page until they are used up. */
    private void failListings(int times) {
        s.gateway().failNext(GatewayOperation.LIST_JOBS, times, StallWatchTest::refused);
    }

    private static GatewayUnavailableException refused() {
        return new GatewayUnavailableException(
                GatewayOperation.LIST_JOBS.label(), "connection refused", Optional.empty(), Optional.empty(), null);
    }

    private static SyncProgressListener stopAfter(int pages, Runnable then) {
        return new SyncProgressListener() {
            int seen;

            @Override
            public void onPage(SyncProgress progress) {
                if (++seen == pages) {
                    then.run();
                }
            }
        };
    }

    @Test
    void passesThatKeepFailingAtOneCheckpointAreAStallThatSaysWhatFailedAndWhere() {
        // After page 4's apply three listings are refused: page 5 was already fetched ahead, so page 6's fails.
        watch.runPass(stopAfter(4, () -> failListings(3)));
        assertThat(watch.stall()).isEmpty();
        watch.runPass(SyncProgressListener.NONE);
        assertThat(watch.stall())
                .as("two failures at one checkpoint are not yet three")
                .isEmpty();

        watch.runPass(SyncProgressListener.NONE);

        assertThat(watch.stall()).hasValueSatisfying(stall -> {
            assertThat(stall.reason()).isEqualTo(SyncStall.Reason.SAME_CHECKPOINT);
            assertThat(stall.where()).startsWith("after page 5 of the pass over [");
            assertThat(stall.lastError()).hasValueSatisfying(e -> assertThat(e).contains("connection refused"));
            assertThat(stall.message())
                    .contains("the last 3 passes each failed after page 5")
                    .contains("connection refused");
        });
    }

    @Test
    void aPassThatGetsFurtherEndsTheStall() {
        failListings(3);
        for (int i = 0; i < 3; i++) {
            watch.runPass(SyncProgressListener.NONE);
        }
        assertThat(watch.stall())
                .hasValueSatisfying(stall -> assertThat(stall.where())
                        .isEqualTo("before the first page of the pass over "
                                + s.core()
                                        .syncJobs()
                                        .status()
                                        .inProgress()
                                        .orElseThrow()
                                        .window()));

        assertThat(watch.runPass(SyncProgressListener.NONE).completed()).isTrue();

        assertThat(watch.stall()).isEmpty();
    }

    @Test
    void failuresThatMoveTheCheckpointEachTimeAreNoStall() {
        for (int i = 0; i < 5; i++) {
            watch.runPass(stopAfter(1, () -> failListings(1))); // one page further each pass, then refused
        }
        assertThat(watch.stall()).isEmpty();
    }

    @Test
    void aCheckpointThatStandsStillForMoreThanThreeIntervalsIsAStallEvenWithoutAPassOfOurs() {
        watch.runPass(SyncProgressListener.NONE); // completed; then nobody runs passes (e.g. no leader)
        assertThat(watch.stall()).isEmpty();

        s.advance(Duration.ofMinutes(15));
        assertThat(watch.stall())
                .as("exactly three intervals is still within the bound")
                .isEmpty();
        s.advance(Duration.ofSeconds(1));

        assertThat(watch.stall()).hasValueSatisfying(stall -> {
            assertThat(stall.reason()).isEqualTo(SyncStall.Reason.NO_PROGRESS);
            assertThat(stall.where()).startsWith("after the pass that ended at ");
            assertThat(stall.message())
                    .contains("has not moved for 901 s")
                    .contains("3 sync intervals of PT5M")
                    .contains("check that an instance leads sync");
        });
    }

    @Test
    void aLongPassThatKeepsApplyingPagesIsNoStall() {
        // 10 pages, the clock moving 2 minutes per page: 20 minutes in one pass, never a completed pass before.
        watch.runPass(new SyncProgressListener() {
            @Override
            public void onPage(SyncProgress progress) {
                s.advance(Duration.ofMinutes(2));
                assertThat(watch.stall()).isEmpty();
            }
        });
        assertThat(watch.stall()).isEmpty();
    }

    @Test
    void aStopOnRequestIsNotAFailure() {
        for (int i = 0; i < 3; i++) {
            watch.runPass(new SyncProgressListener() {
                @Override
                public void onPage(SyncProgress progress) {}

                @Override
                public boolean stopRequested() {
                    return true;
                }
            });
        }
        assertThat(watch.stall()).isEmpty();
    }

    @Test
    void aPausedIntegrationStandsStillWithoutAStallAndTheBoundCountsFromTheResume() {
        watch.runPass(SyncProgressListener.NONE);
        watch.paused(true);
        s.advance(Duration.ofHours(2));
        assertThat(watch.stall()).as("paused on purpose: no stall").isEmpty();

        watch.paused(false);
        s.advance(Duration.ofMinutes(15));
        assertThat(watch.stall())
                .as("three intervals after the resume: within the bound")
                .isEmpty();
        s.advance(Duration.ofSeconds(1));
        assertThat(watch.stall())
                .hasValueSatisfying(stall -> assertThat(stall.message()).contains("has not moved for 901 s"));
    }
}
