package dev.fieldsync.app.cli;

import dev.fieldsync.ports.in.sync.SyncProgress;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Sync progress on stderr. On a terminal one line redrawn in place; otherwise (a pipe, a log file, CI) a whole
 * line at the first page, at each further 10 % of the estimated pages and at least once a minute, so a log gets
 * a dozen lines instead of carriage-return fragments; nothing with {@code --quiet}. The same progress twice (the
 * demo polls it) is shown once.
 */
final class ProgressDisplay {
    static final Duration LINE_AT_LEAST_EVERY = Duration.ofMinutes(1);

    /** How progress is shown. */
    enum Mode {
        REDRAW,
        LINES,
        QUIET
    }

    private final PrintStream err;
    private final Mode mode;
    private final Clock clock;
    private int shownPages = -1;
    private long shownTenth = -1;
    private Instant shownAt;

    ProgressDisplay(PrintStream err, Mode mode, Clock clock) {
        this.err = err;
        this.mode = mode;
        this.clock = clock;
    }

    /** Redraw on a terminal, lines elsewhere, nothing when quiet. */
    static ProgressDisplay on(Terminal terminal, boolean quiet) {
        Mode mode = quiet ? Mode.QUIET : terminal.interactive() ? Mode.REDRAW : Mode.LINES;
        return new ProgressDisplay(terminal.err(), mode, Clock.systemUTC());
    }

    synchronized void show(SyncProgress progress) {
        if (mode == Mode.QUIET || progress.pages() == shownPages) {
            return;
        }
        Instant now = clock.instant();
        long tenth = progress.estimatedRemainingPages()
                .map(remaining -> tenths(progress.pages(), progress.pages() + remaining))
                .orElse(-1L);
        if (mode == Mode.LINES
                && shownAt != null
                && tenth <= shownTenth
                && now.isBefore(shownAt.plus(LINE_AT_LEAST_EVERY))) {
            return;
        }
        shownPages = progress.pages();
        shownTenth = Math.max(shownTenth, tenth);
        shownAt = now;
        if (mode == Mode.REDRAW) {
            err.print("\r" + ProgressBar.render(progress) + "   ");
        } else {
            err.println(ProgressBar.render(progress));
        }
        err.flush();
    }

    /** Ends the redrawn line (the result follows on a line of its own). */
    synchronized void finish() {
        if (mode == Mode.REDRAW && shownAt != null) {
            err.println();
        }
    }

    private static long tenths(long done, long total) {
        return total == 0 ? 10 : Math.min(10, done * 10 / total);
    }
}
