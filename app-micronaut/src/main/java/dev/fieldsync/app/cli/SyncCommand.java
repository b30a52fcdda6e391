package dev.fieldsync.app.cli;

import dev.fieldsync.app.rest.Views;
import dev.fieldsync.ports.in.sync.SyncJobs;
import dev.fieldsync.ports.in.sync.SyncOutcome;
import dev.fieldsync.ports.in.sync.SyncProgress;
import dev.fieldsync.ports.in.sync.SyncProgressListener;
import io.micronaut.context.ApplicationContext;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code fieldsync sync --once}: one pass now, with progress on stderr ({@link ProgressDisplay}). */
@Command(
        name = "sync",
        mixinStandardHelpOptions = true,
        description = {
            "Runs one sync pass now (resuming an interrupted one) with progress on stderr: pages, "
                    + "jobs and an ETA from the budget, redrawn in place on a terminal, otherwise a line per 10 % "
                    + "(and at least one a minute). Ctrl-C stops at the next page boundary, nothing half-written.",
            "For continuous sync run 'fieldsync serve'."
        })
class SyncCommand extends BaseCommand {

    @Option(names = "--once", required = true, description = "Run one pass and exit.")
    boolean once;

    @Option(names = "--quiet", description = "No progress; only the result (and errors).")
    boolean quiet;

    @Option(names = "--json", description = "Print the result as one JSON document (the API's last_outcome shape).")
    boolean json;

    @Override
    int run(ApplicationContext context) throws Exception {
        SyncJobs syncJobs = context.getBean(SyncJobs.class);
        AtomicBoolean stop = new AtomicBoolean();
        Thread hook = new Thread(() -> stop.set(true), "fieldsync-sync-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        if (!quiet) {
            terminal.err().println("Syncing (Ctrl-C stops at the next page boundary)...");
        }
        ProgressDisplay display = ProgressDisplay.on(terminal, quiet);
        SyncOutcome outcome = syncJobs.runPass(new SyncProgressListener() {
            @Override
            public void onPage(SyncProgress progress) {
                display.show(progress);
            }

            @Override
            public boolean stopRequested() {
                return stop.get();
            }
        });
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The JVM is already stopping: nothing to remove.
        }
        display.finish();
        if (json) {
            printJson(context, Views.OutcomeView.of(outcome));
        } else {
            terminal.out()
                    .println((outcome.completed() ? "Sync pass completed" : "Sync pass stopped early")
                            + ": window " + outcome.window() + ", " + outcome.pages() + " pages, " + outcome.jobs()
                            + " jobs ("
                            + outcome.newJobs() + " new, " + outcome.changedJobs() + " changed) in "
                            + ProgressBar.human(outcome.elapsed()) + (outcome.resumed() ? " (resumed)" : "") + ".");
        }
        syncJobs.status()
                .lastError()
                .filter(error -> !outcome.completed())
                .ifPresent(error -> terminal.err().println("last error: " + error));
        return outcome.completed() ? ExitCodes.OK : ExitCodes.FAILED;
    }
}
