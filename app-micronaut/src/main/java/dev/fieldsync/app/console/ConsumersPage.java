package dev.fieldsync.app.console;

import dev.fieldsync.app.delivery.ConsumerOperations;
import dev.fieldsync.app.delivery.ConsumerProblem;
import dev.fieldsync.app.delivery.ConsumerStatus;
import dev.fieldsync.application.delivery.ChangeReplay;
import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.ports.out.delivery.DeliveryAttempt;
import dev.fieldsync.ports.out.delivery.DeliveryLog;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Hidden;
import java.util.List;
import java.util.function.Function;

/**
 * The change consumers page of one integration ({@code /console/consumers} for the default,
 * {@code /console/integrations/{id}/consumers} for another): each webhook endpoint and broker sink that serves it, with
 * the lag, failures and dead letters of its (integration, consumer) pair, and a replay button per dead letter (and
 * resume for a paused one), through {@link ConsumerOperations}, which also serves the API's consumers and the CLI.
 */
@Hidden
@Controller(Layout.BASE)
@ExecuteOn(TaskExecutors.BLOCKING)
public class ConsumersPage {
    static final String CONSUMERS = "/consumers";
    static final String ONE = CONSUMERS + "/{name}";
    private final ConsumerOperations operations;
    private final PageScopes scopes;

    ConsumersPage(ConsumerOperations operations, PageScopes scopes) {
        this.operations = operations;
        this.scopes = scopes;
    }

    static String action(String base, String name, String word) {
        return base + CONSUMERS + "/" + name + "/" + word;
    }

    /** The consumers that serve the page's integration, each with its pair's cursor, lag and dead letters. */
    @Get(uris = {CONSUMERS, PageScope.SCOPE + CONSUMERS})
    public MutableHttpResponse<String> page(
            HttpRequest<?> request,
            @Nullable Authentication authentication,
            @Nullable @PathVariable("integration") String scoped) {
        Viewer viewer = Viewer.of(request, authentication);
        return Layout.page(
                "Change consumers",
                viewer,
                scopes,
                scoped,
                scope -> body(of(scope).all(), scope.base(), viewer));
    }

    private ConsumerOperations of(PageScope scope) {
        return operations.of(IntegrationId.of(scope.integration()));
    }

    @Post(
            uris = {ONE + "/replay", PageScope.SCOPE + ONE + "/replay"},
            consumes = MediaType.APPLICATION_FORM_URLENCODED)
    public MutableHttpResponse<String> replay(
            HttpRequest<?> request,
            @Nullable Authentication authentication,
            @Nullable @PathVariable("integration") String scoped,
            @PathVariable String name,
            @Nullable @Body("change") String change) {
        return act(request, authentication, scoped, scope -> {
            ChangeReplay.Result result = of(scope).replayChange(name, change == null ? "" : change.strip());
            boolean delivered = result.delivered() == result.attempts().size() && result.found() > 0;
            String failures = result.attempts().stream()
                    .filter(attempt -> !attempt.delivered())
                    .map(DeliveryAttempt::detail)
                    .reduce((a, b) -> a + "; " + b)
                    .orElse("");
            return Layout.outcome(
                    delivered,
                    result.found() == 0
                            ? "Change " + change + " is no longer in the log (pruned?); nothing was sent."
                            : "Change " + change + " replayed to " + name + ": " + result.delivered() + " of "
                                    + result.attempts().size() + " delivered"
                                    + (failures.isEmpty() ? "." : " (" + failures + ")."),
                    scope.path(CONSUMERS),
                    "Back to the consumers");
        });
    }

    @Post(
            uris = {ONE + "/resume", PageScope.SCOPE + ONE + "/resume"},
            consumes = {MediaType.APPLICATION_FORM_URLENCODED, MediaType.ALL})
    public MutableHttpResponse<String> resume(
            HttpRequest<?> request,
            @Nullable Authentication authentication,
            @Nullable @PathVariable("integration") String scoped,
            @PathVariable String name) {
        return act(request, authentication, scoped, scope -> {
            of(scope).resume(name);
            return Layout.outcome(true, name + " delivers again, from where it stood.", scope.path(CONSUMERS), "Back");
        });
    }

    private MutableHttpResponse<String> act(
            HttpRequest<?> request,
            Authentication authentication,
            @Nullable String scoped,
            Function<PageScope, Html> action) {
        return Layout.page("Change consumers", Viewer.of(request, authentication), scopes, scoped, scope -> {
            try {
                return action.apply(scope);
            } catch (ConsumerProblem problem) {
                return Layout.outcome(
                        false, problem.getMessage() + " (" + problem.hint() + ")", scope.path(CONSUMERS), "Back");
            }
        });
    }

    private static Html body(List<ConsumerStatus> consumers, String base, Viewer viewer) {
        Html body = new Html();
        if (consumers.isEmpty()) {
            return body.element(
                    "p",
                    "No change consumer serves this integration (fieldsync.changes.endpoints.<name>,"
                            + " fieldsync.changes.rabbitmq.<name>, their integrations).",
                    "id",
                    "no-consumers");
        }
        body.open("table", "id", "consumers")
                .headers("Consumer", "Kind", "Target", "State", "Cursor", "Lag", "Failures", "Dead letters", "Actions");
        for (ConsumerStatus status : consumers) {
            Html actions = new Html();
            if (status.state().paused() && viewer.mayPost(action(base, status.name(), "resume"))) {
                actions.append(
                        Layout.button(action(base, status.name(), "resume"), "Resume", "resume-" + status.name()));
            }
            body.row(
                    status.name(),
                    status.configured().type(),
                    status.configured().target(),
                    !status.configured().enabled() ? "disabled" : status.state().paused() ? "paused" : "delivering",
                    status.state().cursor(),
                    status.lag().changes() + " change(s), "
                            + Format.seconds(status.lag().age().toSeconds()),
                    status.state().failedAttempts() == 0
                            ? "none"
                            : status.state().failedAttempts() + " attempt(s) failing since "
                                    + status.state()
                                            .failingSince()
                                            .map(Format::time)
                                            .orElse("?") + "; next "
                                    + status.state()
                                            .nextAttemptAt()
                                            .map(Format::time)
                                            .orElse("-"),
                    status.deadLetters().size(),
                    actions);
        }
        body.close("table");
        for (ConsumerStatus status : consumers) {
            if (status.deadLetters().isEmpty()) {
                continue;
            }
            body.element("h2", "Dead letters of " + status.name())
                    .open("table", "id", "dead-letters-" + status.name(), "class", "dead-letters")
                    .headers("Change", "Attempts", "Given up at", "Why", "Action");
            boolean mayReplay = viewer.mayPost(action(base, status.name(), "replay"));
            for (DeliveryLog.DeadLetter dead : status.deadLetters()) {
                body.row(
                        dead.changeId(),
                        dead.attempts(),
                        Format.time(dead.at()),
                        dead.reason(),
                        mayReplay
                                ? Layout.button(
                                        action(base, status.name(), "replay"),
                                        "Replay",
                                        "replay-" + dead.changeId(),
                                        "change",
                                        dead.changeId())
                                : Html.of("-"));
            }
            body.close("table");
        }
        return body;
    }
}
