package dev.fieldsync.domain.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fieldsync.domain.id.IntegrationId;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SyncPolicyTest {
    private static final Instant NOW = Instant.parse("2026-07-01T10:00:00Z");
    private static final SyncPolicy POLICY = new SyncPolicy(Duration.ofMinutes(2), Duration.ofDays(30));

    @Test
    void theFirstPassReachesBackTheHorizon() {
        SyncWindow window = POLICY.nextWindow(Optional.empty(), NOW);
        assertThat(window).isEqualTo(new SyncWindow(NOW.minus(Duration.ofDays(30)), NOW));
    }

    @Test
    void defaultsAreTwoMinutesOverlapAndAYearOfHorizon() {
        assertThat(SyncPolicy.defaults().overlap()).isEqualTo(Duration.ofMinutes(2));
        assertThat(SyncPolicy.defaults().nextWindow(Optional.empty(), NOW).length())
                .isEqualTo(Duration.ofDays(365));
    }

    @Test
    void laterPassesStartOverlapBeforeTheWatermark() {
        Instant watermark = NOW.minus(Duration.ofMinutes(10));
        SyncWindow window = POLICY.nextWindow(Optional.of(watermark), NOW);
        assertThat(window.from()).isEqualTo(watermark.minus(Duration.ofMinutes(2)));
        assertThat(window.to()).isEqualTo(NOW);
    }

    @Test
    void aClockThatWentBackwardsEndsTheWindowAtTheWatermark() {
        Instant watermark = NOW.plus(Duration.ofHours(1));
        SyncWindow window = POLICY.nextWindow(Optional.of(watermark), NOW);
        assertThat(window.to()).isEqualTo(watermark);
        assertThat(window.from()).isEqualTo(watermark.minus(Duration.ofMinutes(2)));
        assertThat(window.to()).isAfterOrEqualTo(window.from());
    }

    @Test
    void noOverlapAndAClockAtTheWatermarkGiveAZeroLengthWindow() {
        SyncPolicy noOverlap = new SyncPolicy(Duration.ZERO, Duration.ofDays(1));
        SyncWindow window = noOverlap.nextWindow(Optional.of(NOW), NOW);
        assertThat(window.isEmpty()).isTrue();
        assertThat(window.length()).isZero();
        assertThat(window.contains(NOW)).isFalse();
        // Backwards with no overlap: still zero length at the watermark, never inverted.
        assertThat(noOverlap.nextWindow(Optional.of(NOW), NOW.minusSeconds(5))).isEqualTo(new SyncWindow(NOW, NOW));
    }

    @Test
    void aZeroHorizonFirstPassIsEmpty() {
        assertThat(new SyncPolicy(Duration.ofMinutes(2), Duration.ZERO)
                        .nextWindow(Optional.empty(), NOW)
                        .isEmpty())
                .isTrue();
    }

    @Test
    void theClockIsCutToMilliseconds() {
        SyncWindow window = POLICY.nextWindow(Optional.empty(), NOW.plusNanos(1_234_567));
        assertThat(window.to()).isEqualTo(NOW.plusMillis(1));
    }

    @Test
    void negativeDurationsAreRefused() {
        assertThatThrownBy(() -> new SyncPolicy(Duration.ofSeconds(-1), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("overlap");
        assertThatThrownBy(() -> new SyncPolicy(Duration.ZERO, Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("horizon");
    }

    @Test
    void windowsAreHalfOpenAndNeverInverted() {
        SyncWindow window = new SyncWindow(NOW, NOW.plusSeconds(60));
        assertThat(window.contains(NOW)).isTrue();
        assertThat(window.contains(NOW.plusSeconds(59))).isTrue();
        assertThat(window.contains(NOW.plusSeconds(60))).isFalse();
        assertThat(window.contains(NOW.minusNanos(1))).isFalse();
        assertThat(window.length()).isEqualTo(Duration.ofMinutes(1));
        assertThat(window.isEmpty()).isFalse();
        assertThat(window).hasToString("[2026-07-01T10:00:00Z, 2026-07-01T10:01:00Z)");
        assertThatThrownBy(() -> new SyncWindow(NOW, NOW.minusMillis(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("before it starts");
    }

    @Test
    void aCheckpointStartsEmptyAndCompletesToTheWindowEnd() {
        IntegrationId acme = IntegrationId.of("acme");
        SyncCheckpoint initial = SyncCheckpoint.initial(acme);
        assertThat(initial.lastCompletedTo()).isEmpty();
        assertThat(initial.inProgress()).isEmpty();

        SyncWindow window = POLICY.nextWindow(initial.lastCompletedTo(), NOW);
        SyncCheckpoint started = initial.startPass(window, NOW);
        assertThat(started.inProgress()).contains(PassProgress.started(window, NOW));

        SyncCheckpoint afterOne = started.afterPage(Optional.of("gt/2634823"), 100);
        assertThat(afterOne.inProgress().orElseThrow().nextCursor()).contains("gt/2634823");
        assertThat(afterOne.inProgress().orElseThrow().pagesDone()).isEqualTo(1);
        assertThat(afterOne.lastCompletedTo()).isEmpty();

        SyncCheckpoint afterLast = afterOne.afterPage(Optional.empty(), 42);
        PassProgress progress = afterLast.inProgress().orElseThrow();
        assertThat(progress.nextCursor()).isEmpty();
        assertThat(progress.pagesDone()).isEqualTo(2);
        assertThat(progress.jobsSeen()).isEqualTo(142);
        assertThat(progress.window()).isEqualTo(window);

        SyncCheckpoint done = afterLast.completePass();
        assertThat(done.lastCompletedTo()).contains(window.to());
        assertThat(done.inProgress()).isEmpty();
        assertThat(done.integration()).isEqualTo(acme);

        SyncWindow next = POLICY.nextWindow(done.lastCompletedTo(), NOW.plusSeconds(60));
        assertThat(next.from()).isEqualTo(window.to().minus(Duration.ofMinutes(2)));
    }

    @Test
    void aStoredCheckpointResumesAtItsCursor() {
        SyncWindow window = new SyncWindow(NOW.minusSeconds(600), NOW);
        SyncCheckpoint stored = SyncCheckpoint.initial(IntegrationId.of("acme"))
                .startPass(window, NOW)
                .afterPage(Optional.of("c1"), 100)
                .afterPage(Optional.of("c2"), 100);
        // What a restarted process reads back is equal, so it continues at c2 in the same window.
        SyncCheckpoint reloaded =
                new SyncCheckpoint(stored.integration(), stored.lastCompletedTo(), stored.inProgress());
        assertThat(reloaded).isEqualTo(stored);
        assertThat(reloaded.inProgress().orElseThrow().nextCursor()).contains("c2");
        assertThat(reloaded.afterPage(Optional.empty(), 5).completePass().lastCompletedTo())
                .contains(NOW);
    }

    @Test
    void aRejectedCursorRestartsTheSameWindowFromItsFirstPage() {
        SyncWindow window = new SyncWindow(NOW.minusSeconds(600), NOW);
        Instant later = NOW.plusSeconds(30);
        SyncCheckpoint restarted = SyncCheckpoint.initial(IntegrationId.of("acme"))
                .startPass(window, NOW)
                .afterPage(Optional.of("stale"), 100)
                .restartPass(later);
        PassProgress progress = restarted.inProgress().orElseThrow();
        assertThat(progress.window()).isEqualTo(window);
        assertThat(progress.nextCursor()).isEmpty();
        assertThat(progress.pagesDone()).isZero();
        assertThat(progress.jobsSeen()).isZero();
        assertThat(progress.startedAt()).isEqualTo(later);
    }

    @Test
    void transitionsWithoutAPassAreRefused() {
        SyncCheckpoint idle = SyncCheckpoint.initial(IntegrationId.of("acme"));
        assertThatThrownBy(() -> idle.afterPage(Optional.empty(), 1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(idle::completePass).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> idle.restartPass(NOW)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void passCountsCannotBeNegative() {
        SyncWindow window = new SyncWindow(NOW, NOW);
        assertThatThrownBy(() -> new PassProgress(window, Optional.empty(), -1, 0, NOW))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PassProgress(window, Optional.empty(), 0, -1, NOW))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @org.junit.jupiter.api.Test
    void theFirstPassIsYoungUntilTheMarginAfterItsWindowEndedAndNeverOnceAPassCompleted() {
        var integration = dev.fieldsync.domain.id.IntegrationId.of("acme");
        java.time.Instant start = java.time.Instant.parse("2026-03-02T08:00:00Z");
        java.time.Duration margin = java.time.Duration.ofMinutes(2);
        var first = dev.fieldsync.domain.sync.SyncCheckpoint.initial(integration)
                .startPass(new SyncWindow(start.minus(java.time.Duration.ofDays(365)), start), start);
        org.assertj.core.api.Assertions.assertThat(dev.fieldsync.domain.sync.SyncCheckpoint.initial(integration)
                        .firstPassIsYoung(start, margin))
                .as("no pass yet")
                .isFalse();
        org.assertj.core.api.Assertions.assertThat(first.firstPassIsYoung(start.plusSeconds(119), margin))
                .isTrue();
        org.assertj.core.api.Assertions.assertThat(first.firstPassIsYoung(start.plusSeconds(120), margin))
                .isFalse();
        var second =
                first.completePass().startPass(new SyncWindow(start, start.plusSeconds(60)), start.plusSeconds(60));
        org.assertj.core.api.Assertions.assertThat(second.firstPassIsYoung(start.plusSeconds(61), margin))
                .isFalse();
    }
}
