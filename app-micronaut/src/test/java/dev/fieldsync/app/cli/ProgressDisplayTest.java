package dev.fieldsync.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldsync.domain.sync.SyncWindow;
import dev.fieldsync.ports.in.sync.SyncProgress;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Issue 16 item 6: redrawn in place on a terminal, a line per 10 % (or per minute) elsewhere, nothing when quiet. */
class ProgressDisplayTest {
    private static final Instant START = Instant.parse("2026-12-02T00:00:00Z");
    private static final SyncWindow WINDOW = new SyncWindow(START.minus(Duration.ofDays(1)), START);

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final StepClock clock = new StepClock();

    private ProgressDisplay display(ProgressDisplay.Mode mode) {
        return new ProgressDisplay(new PrintStream(bytes, true, StandardCharsets.UTF_8), mode, clock);
    }

    private String written() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static SyncProgress page(int pages, Optional<Long> remaining) {
        return new SyncProgress(WINDOW, pages, pages * 100L, pages * 100L, 0, remaining, Optional.empty());
    }

    @Test
    void withoutATerminalAHundredPagesAreElevenLinesOnePerTenthAndNoCarriageReturn() {
        ProgressDisplay display = display(ProgressDisplay.Mode.LINES);
        for (int pages = 1; pages <= 100; pages++) {
            display.show(page(pages, Optional.of(100L - pages)));
        }
        display.finish();

        assertThat(written()).doesNotContain("\r");
        assertThat(written().lines()).hasSize(11).first().asString().startsWith("[");
        assertThat(written().lines().toList().get(1)).contains(" 10/100 pages");
        assertThat(written().lines().toList().get(10)).contains(" 100/100 pages");
    }

    @Test
    void withoutATerminalOrAnEstimateALineAtTheFirstPageAndThenOnceAMinute() {
        ProgressDisplay display = display(ProgressDisplay.Mode.LINES);
        for (int pages = 1; pages <= 30; pages++) {
            display.show(page(pages, Optional.empty()));
            clock.advance(Duration.ofSeconds(5));
        }

        assertThat(written().lines())
                .as("pages 1, 13 and 25 (5 s apart, a line at least every minute)")
                .containsExactly(
                        "1 pages, 100 jobs (100 new, 0 changed)",
                        "13 pages, 1300 jobs (1300 new, 0 changed)",
                        "25 pages, 2500 jobs (2500 new, 0 changed)");
    }

    @Test
    void onATerminalEveryNewPageRedrawsTheOneLineAndTheSameProgressTwiceIsDrawnOnce() {
        ProgressDisplay display = display(ProgressDisplay.Mode.REDRAW);
        display.show(page(1, Optional.of(2L)));
        display.show(page(1, Optional.of(2L)));
        display.show(page(2, Optional.of(1L)));
        display.finish();

        assertThat(written()).startsWith("\r[").endsWith("   " + System.lineSeparator());
        assertThat(written().chars().filter(c -> c == '\r')).hasSize(2);
        assertThat(written().chars().filter(c -> c == '\n')).hasSize(1);
    }

    @Test
    void quietWritesNothing() {
        ProgressDisplay display = display(ProgressDisplay.Mode.QUIET);
        display.show(page(1, Optional.of(2L)));
        display.finish();

        assertThat(written()).isEmpty();
    }

    /** A clock the test moves. */
    private static final class StepClock extends Clock {
        private Instant now = START;

        void advance(Duration amount) {
            now = now.plus(amount);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
