package dev.fieldsync.app.console;

import dev.fieldsync.app.config.FieldsyncSettings;
import dev.fieldsync.app.rest.Views;
import dev.fieldsync.app.scheduling.ServiceLoops;
import dev.fieldsync.ports.in.sync.SyncJobs;
import dev.fieldsync.ports.in.sync.SyncStalls;
import dev.fieldsync.ports.in.write.ReviewSubmissions;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Hidden;

/**
 * The integrations page: one row per integration with what {@code GET /api/sync} says (state, leader, mirror size,
 * last completed pass and lag, the gateway clock's offset, a stall or the last error) and "sync now", which asks
 * {@link ServiceLoops#syncNow()} as {@code POST /api/sync} does (coalesced the same way).
 */
@Hidden
@Controller(Layout.BASE + "/integrations")
@ExecuteOn(TaskExecutors.BLOCKING)
public class IntegrationsPage {
    static final String SYNC = Layout.BASE + "/integrations/sync";
    private final SyncJobs syncJobs;
    private final ServiceLoops loops;
    private final ReviewSubmissions review;
    private final SyncStalls stalls;
    private final String integration;

    public IntegrationsPage(
            SyncJobs syncJobs,
            ServiceLoops loops,
            ReviewSubmissions review,
            SyncStalls stalls,
            FieldsyncSettings settings) {
        this.syncJobs = syncJobs;
        this.loops = loops;
        this.review = review;
        this.stalls = stalls;
        this.integration = settings.integration().value();
    }

    @Get
    public MutableHttpResponse<String> page(HttpRequest<?> request, @Nullable Authentication authentication) {
        Viewer viewer = Viewer.of(request, authentication);
        return Layout.page("Integrations", viewer, integration, () -> table(viewer));
    }

    @Post(
            value = "/sync",
            consumes = {MediaType.APPLICATION_FORM_URLENCODED, MediaType.ALL})
    public MutableHttpResponse<String> syncNow(HttpRequest<?> request, @Nullable Authentication authentication) {
        Viewer viewer = Viewer.of(request, authentication);
        return Layout.page("Integrations", viewer, integration, () -> {
            ServiceLoops.SyncRequest answer = loops.syncNow();
            boolean done =
                    answer != ServiceLoops.SyncRequest.NOT_LEADER && answer != ServiceLoops.SyncRequest.NOT_RUNNING;
            return Layout.outcome(done, syncMessage(answer), Layout.BASE + "/integrations", "Back to integrations");
        });
    }

    private String syncMessage(ServiceLoops.SyncRequest answer) {
        return switch (answer) {
            case STARTED -> "A sync pass of " + integration + " has started.";
            case ALREADY_RUNNING -> "A sync pass is already running; no other was started.";
            case ALREADY_QUEUED -> "A sync pass is already about to start; no other was started.";
            case RECENT_PASS ->
                "A sync pass started at "
                        + loops.lastPassStartedAt().map(Object::toString).orElse("?")
                        + ", within fieldsync.sync.requested-pass-interval; no other was started.";
            case NOT_LEADER -> "Another instance leads sync: ask it (only the sync lock's holder runs passes).";
            case NOT_RUNNING -> "The service is not running its loops (stopping?).";
        };
    }

    private Html table(Viewer viewer) {
        Views.Sync sync = Views.Sync.of(
                syncJobs.status(), stalls.stall(), loops.isLeader(), loops.isSyncRunning(), review.counts());
        Html table = new Html()
                .open("table", "id", "integrations")
                .headers(
                        "Integration",
                        "State",
                        "Leader",
                        "Mirrored jobs",
                        "Last completed pass (to)",
                        "Lag",
                        "Gateway clock offset",
                        "Stall / errors",
                        "Actions");
        Html actions = new Html();
        if (viewer.mayPost(SYNC)) {
            actions.append(Layout.button(SYNC, "Sync now", "sync-now-" + integration));
        }
        table.row(
                integration,
                state(sync),
                sync.leader() ? "this instance" : "another instance",
                sync.mirroredJobs(),
                sync.lastCompletedTo() == null ? "none yet" : Format.time(sync.lastCompletedTo()),
                sync.lagSeconds() == null ? "-" : Format.seconds(sync.lagSeconds()),
                sync.gatewayClockOffsetSeconds() == null
                        ? "not known yet"
                        : sync.gatewayClockOffsetSeconds() + " s" + (sync.clockWarning() == null ? "" : " ⚠"),
                problems(sync),
                actions);
        return table.close("table");
    }

    private static String state(Views.Sync sync) {
        if (sync.inProgress() != null) {
            return "running: a pass is in progress (" + sync.inProgress().pages() + " pages, "
                    + sync.inProgress().jobs() + " jobs)";
        }
        return sync.running() ? "running: a pass is in progress" : "running: idle until the next pass";
    }

    private static Html problems(Views.Sync sync) {
        Html cell = new Html();
        if (sync.stall() != null) {
            cell.element("p", "Stalled: " + sync.stall().message(), "class", "refused");
        }
        if (sync.lastError() != null) {
            cell.element("p", "Last error: " + sync.lastError(), "class", "refused");
        }
        if (sync.clockWarning() != null) {
            cell.element("p", sync.clockWarning(), "class", "warning");
        }
        if (sync.reviewQueue() != null) {
            cell.open("p")
                    .append(Html.link(Layout.BASE + "/submissions", sync.reviewQueue()))
                    .close("p");
        }
        if (cell.toString().isEmpty()) {
            cell.text("none");
        }
        return cell;
    }
}
