package dev.fieldsync.app.cli;

import dev.fieldsync.app.rest.SweepView;
import dev.fieldsync.ports.in.sync.SweepJobs;
import dev.fieldsync.ports.in.sync.SweepOutcome;
import dev.fieldsync.ports.in.sync.SweepStatus;
import dev.fieldsync.ports.in.sync.SyncProgress;
import dev.fieldsync.ports.in.sync.SyncProgressListener;
import io.micronaut.context.ApplicationContext;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code fieldsync sweep [--wait]}: where the verification sweep stands and how long it takes; with {@code --wait}
 * runs (or resumes) one in this process until it completes; {@code --accept-review} / {@code --dismiss-review}
 * decide a pending gone review.
 */
@Command(
        name = "sweep",
        mixinStandardHelpOptions = true,
        description = {
            "Shows the verification sweep: the one under way or the last, pages left and how long they take at the "
                    + "sweep's (lowest) budget priority, a pending gone review, missed updates repaired. Spends no "
                    + "budget.",
            "--wait runs (or resumes) a sweep here until it completes (Ctrl-C stops at the next page boundary; it "
                    + "resumes there). Do not run it while a service sweeps the same integration: use POST /api/sweep."
        })
class SweepCommand extends BaseCommand {

    @Option(names = "--wait", description = "Run or resume a sweep now and wait until it completes.")
    boolean waitForIt;

    @Option(names = "--accept-review", description = "Mark gone the jobs the sweep that raised the review did not see.")
    boolean accept;

    @Option(names = "--dismiss-review", description = "Drop the pending gone review, marking nothing.")
    boolean dismiss;

    @Option(names = "--json", description = "Print the status as the API's GET /api/sweep document.")
    boolean json;

    @Override
    int run(ApplicationContext context) throws Exception {
        SweepJobs sweeps = context.getBean(SweepJobs.class);
        if (accept || dismiss) {
            return decide(sweeps);
        }
        if (waitForIt) {
            SweepOutcome outcome = runSweep(sweeps);
            terminal.out()
                    .println("Sweep " + outcome.sweep() + (outcome.completed() ? " completed" : " stopped early")
                            + ": " + outcome.pages() + " pages, " + outcome.jobs() + " jobs (" + outcome.repaired()
                            + " repaired, " + outcome.newJobs() + " new), " + outcome.markedGone() + " marked gone"
                            + (outcome.reviewRaised() ? "; review raised (fieldsync sweep shows it)" : "") + ".");
            outcome.error().ifPresent(error -> terminal.err().println("last error: " + error));
            if (!outcome.completed()) {
                return ExitCodes.FAILED;
            }
        }
        SweepStatus status = sweeps.status();
        if (json) {
            printJson(context, SweepView.of(status, false, false));
        } else {
            describe(status);
        }
        return ExitCodes.OK;
    }

    private int decide(SweepJobs sweeps) {
        if (accept && dismiss) {
            terminal.err().println("--accept-review and --dismiss-review exclude each other.");
            return ExitCodes.CONFIGURATION;
        }
        boolean done = accept
                ? sweeps.acceptReview()
                        .map(marked -> {
                            terminal.out().println(marked + " job(s) marked gone.");
                            return true;
                        })
                        .orElse(false)
                : sweeps.dismissReview();
        if (!done) {
            terminal.err().println("No gone review is pending.");
            return ExitCodes.FAILED;
        }
        if (dismiss) {
            terminal.out().println("Review dismissed; nothing marked gone.");
        }
        return ExitCodes.OK;
    }

    private SweepOutcome runSweep(SweepJobs sweeps) {
        AtomicBoolean stop = new AtomicBoolean();
        Thread hook = new Thread(() -> stop.set(true), "fieldsync-sweep-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        terminal.err()
                .println("Sweeping, about " + ProgressBar.human(sweeps.status().remainingTime())
                        + " at best (Ctrl-C stops at the next page boundary)...");
        try {
            return sweeps.runSweep(new SyncProgressListener() {
                @Override
                public void onPage(SyncProgress progress) {}

                @Override
                public boolean stopRequested() {
                    return stop.get();
                }
            });
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The JVM is already stopping.
            }
        }
    }

    private void describe(SweepStatus s) {
        var out = terminal.out();
        s.inProgress()
                .ifPresentOrElse(
                        p -> out.println("Sweep " + p.sweep() + " under way since " + p.startedAt() + ": "
                                + p.pagesDone() + " pages, " + p.jobsSeen() + " jobs, " + p.repaired()
                                + " repaired."),
                        () -> out.println("No sweep under way"
                                + s.nextDueAt()
                                        .filter(at -> s.scheduled())
                                        .map(at -> "; the next is due at " + at)
                                        .orElse(
                                                s.scheduled()
                                                        ? "."
                                                        : "; scheduled sweeps are off (fieldsync.sweep.enabled).")));
        out.println(s.remainingPages() + " page(s) left: about " + ProgressBar.human(s.remainingTime())
                + " at best at the sweep's budget priority.");
        s.lastCompleted()
                .ifPresent(r -> out.println("Last sweep " + r.sweep() + " completed at " + r.completedAt() + ": "
                        + r.jobsSeen() + " jobs, " + r.repaired() + " repaired, " + r.markedGone()
                        + " marked gone."));
        out.println(s.goneJobs() + " job(s) marked gone; " + s.missedByIncremental()
                + " update(s) the incremental passes missed; overlap " + ProgressBar.human(s.overlap())
                + (s.overlapWidened() ? " (widened by a sweep)" : "") + ".");
        s.review()
                .ifPresent(r -> out.println("REVIEW: sweep " + r.sweep() + " did not see " + r.candidates() + " of "
                        + r.mirrored() + " jobs, more than fieldsync.sweep.gone-guard-share allows. Check the key's "
                        + "scope, then: fieldsync sweep --accept-review (mark them gone) or --dismiss-review."));
        s.lastError().ifPresent(error -> terminal.err().println("last error: " + error));
    }
}
