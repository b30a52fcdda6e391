package dev.fieldsync.domain.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

/**
 * Successive sync windows, driven by any sequence of clock readings (including jumps backwards), overlap
 * by the configured overlap and never leave a gap.
 */
class SyncWindowPropertiesTest {
    private static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");

    /** Clock readings as signed millisecond steps from a start, so backwards jumps are common. */
    @Provide
    Arbitrary<List<Long>> clockSteps() {
        Arbitrary<Long> step = Arbitraries.oneOf(
                Arbitraries.longs().between(-3_600_000L, 3_600_000L),
                Arbitraries.longs().between(-500L, 500L),
                Arbitraries.just(0L));
        return step.list().ofMinSize(1).ofMaxSize(40);
    }

    private static List<SyncWindow> run(SyncPolicy policy, List<Long> steps) {
        List<SyncWindow> windows = new ArrayList<>();
        Optional<Instant> watermark = Optional.empty();
        Instant clock = EPOCH;
        for (long step : steps) {
            clock = clock.plusMillis(step);
            SyncWindow window = policy.nextWindow(watermark, clock);
            windows.add(window);
            watermark = Optional.of(window.to()); // the pass completed
        }
        return windows;
    }

    @Property(tries = 500)
    void successiveWindowsOverlapByTheConfiguredOverlapAndLeaveNoGap(
            @ForAll("clockSteps") List<Long> steps,
            @ForAll @LongRange(min = 0, max = 600_000) long overlapMillis,
            @ForAll @LongRange(min = 0, max = 86_400_000) long horizonMillis) {
        Duration overlap = Duration.ofMillis(overlapMillis);
        List<SyncWindow> windows = run(new SyncPolicy(overlap, Duration.ofMillis(horizonMillis)), steps);

        for (SyncWindow window : windows) {
            assertThat(window.to()).isAfterOrEqualTo(window.from()); // never inverts
        }
        for (int i = 1; i < windows.size(); i++) {
            SyncWindow previous = windows.get(i - 1);
            SyncWindow current = windows.get(i);
            assertThat(current.from()).as("no gap").isBeforeOrEqualTo(previous.to());
            assertThat(current.from())
                    .as("starts exactly one overlap back")
                    .isEqualTo(previous.to().minus(overlap));
            assertThat(current.to()).as("the watermark never moves back").isAfterOrEqualTo(previous.to());
            assertThat(current.length()).as("covers at least the overlap").isGreaterThanOrEqualTo(overlap);
        }
    }

    @Property(tries = 300)
    void theUnionOfAllWindowsCoversFromTheFirstFromToTheLastTo(
            @ForAll("clockSteps") List<Long> steps,
            @ForAll @LongRange(min = 0, max = 600_000) long overlapMillis,
            @ForAll @LongRange(min = 0, max = 300_000) long probeSeed) {
        List<SyncWindow> windows = run(new SyncPolicy(Duration.ofMillis(overlapMillis), Duration.ofMinutes(5)), steps);
        Instant first = windows.get(0).from();
        Instant last = windows.get(windows.size() - 1).to();
        long span = Duration.between(first, last).toMillis();
        if (span == 0) {
            return;
        }
        // Every instant in [first, last) is inside some window: probe the edges and a spread of points.
        List<Instant> probes = new ArrayList<>(List.of(first, last.minusMillis(1)));
        for (SyncWindow window : windows) {
            if (!window.isEmpty()) {
                probes.add(window.from());
                probes.add(window.to().minusMillis(1));
            }
            if (window.to().isBefore(last)) {
                probes.add(window.to()); // the instant right after a window must be covered by a later one
            }
        }
        for (int k = 0; k < 50; k++) {
            probes.add(first.plusMillis((probeSeed + k * 7919L) % span));
        }
        for (Instant probe : probes) {
            assertThat(windows.stream().anyMatch(w -> w.contains(probe)))
                    .as("%s covered by %s", probe, windows)
                    .isTrue();
        }
    }

    @Property(tries = 300)
    void mergedWindowsFormOneInterval(
            @ForAll("clockSteps") List<Long> steps, @ForAll @LongRange(min = 0, max = 600_000) long overlapMillis) {
        List<SyncWindow> windows = run(new SyncPolicy(Duration.ofMillis(overlapMillis), Duration.ofMinutes(5)), steps);
        // Sweep in order: each window must start inside (or at the end of) what is covered so far.
        Instant coveredFrom = windows.get(0).from();
        Instant coveredTo = windows.get(0).to();
        for (SyncWindow window : windows.subList(1, windows.size())) {
            assertThat(window.from()).isBeforeOrEqualTo(coveredTo);
            coveredFrom = window.from().isBefore(coveredFrom) ? window.from() : coveredFrom;
            coveredTo = window.to().isAfter(coveredTo) ? window.to() : coveredTo;
        }
        assertThat(coveredFrom).isBeforeOrEqualTo(windows.get(0).from());
        assertThat(coveredTo).isEqualTo(windows.get(windows.size() - 1).to());
    }
}
