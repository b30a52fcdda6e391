package dev.fieldsync.app.cli;

import dev.fieldsync.ports.in.sync.SyncProgress;
import java.time.Duration;

/** One line of sync progress, redrawn in place on stderr: a bar, pages, jobs and the ETA from the budget. */
final class ProgressBar {
    private static final int WIDTH = 30;

    private ProgressBar() {}

    static String render(SyncProgress progress) {
        long done = progress.pages();
        String bar;
        String eta;
        if (progress.estimatedRemainingPages().isPresent()) {
            long total = done + progress.estimatedRemainingPages().get();
            int filled = total == 0 ? WIDTH : (int) Math.min(WIDTH, done * WIDTH / total);
            bar = "[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + done + "/" + total + " pages";
        } else {
            bar = done + " pages";
        }
        eta = progress.estimatedRemaining()
                .map(ProgressBar::human)
                .map(text -> ", ETA " + text)
                .orElse("");
        return bar + ", " + progress.jobs() + " jobs (" + progress.newJobs() + " new, " + progress.changedJobs()
                + " changed)" + eta;
    }

    static String human(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return seconds / 60 + "m" + String.format("%02d", seconds % 60) + "s";
        }
        return seconds / 3600 + "h" + String.format("%02d", seconds % 3600 / 60) + "m";
    }
}
