package dev.fieldsync.app.console;

import dev.fieldsync.app.config.FieldsyncSettings;
import dev.fieldsync.app.delivery.ConsumerOperations;
import dev.fieldsync.app.delivery.ConsumerProblem;
import dev.fieldsync.app.delivery.ConsumerStatus;
import dev.fieldsync.application.delivery.ChangeReplay;
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

/**
 * The change consumers page: each webhook endpoint and broker sink with its lag, failures and dead letters, and a
 * replay button per dead letter (and resume for a paused one), through {@link ConsumerOperations}, which also serves
 * {@code /api/changes/consumers} and the CLI.
 */
@Hidden
@Controller(Layout.BASE)
@ExecuteOn(TaskExecutors.BLOCKING)
public class ConsumersPage {
    static final String CONSUMERS = "/consumers";
    private final ConsumerOperations operations;
    private final PageScopes scopes;
    private final String integration;

    ConsumersPage(ConsumerOperations operations, PageScopes scopes, FieldsyncSettings settings) {
        this.operations = operations;
        this.scopes = scopes;
        this.integration = settings.integration().value();
    }

    static String action(String name, String word) {
        return Layout.BASE + "/consumers/" + name + "/" + word;
    }

    /** The change consumers deliver the default integration's change log; their actions stay under /console. */
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
                scope -> scope.isDefault()
                        ? body(operations.all(), viewer)
                        : Layout.defaultOnly("the change consumers (webhook endpoints, broker sinks)", scope));
    }

    @Post(value = CONSUMERS + "/{name}/replay", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    public MutableHttpResponse<String> replay(
            HttpRequest<?> request,
            @Nullable Authentication authentication,
            @PathVariable String name,
            @Nullable @Body("change") String change) {
        return act(request, authentication, () -> {
            ChangeReplay.Result result = operations.replayChange(name, change == null ? "" : change.strip());
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
                    Layout.BASE + "/consumers",
                    "Back to the consumers");
        });
    }

    @Post(
            value = CONSUMERS + "/{name}/resume",
            consumes = {MediaType.APPLICATION_FORM_URLENCODED, MediaType.ALL})
    public MutableHttpResponse<String> resume(
            HttpRequest<?> request, @Nullable Authentication authentication, @PathVariable String name) {
        return act(request, authentication, () -> {
            operations.resume(name);
            return Layout.outcome(
                    true, name + " delivers again, from where it stood.", Layout.BASE + "/consumers", "Back");
        });
    }

    private MutableHttpResponse<String> act(
            HttpRequest<?> request, Authentication authentication, java.util.function.Supplier<Html> action) {
        return Layout.page("Change consumers", Viewer.of(request, authentication), integration, () -> {
            try {
                return action.get();
            } catch (ConsumerProblem problem) {
                return Layout.outcome(
                        false, problem.getMessage() + " (" + problem.hint() + ")", Layout.BASE + "/consumers", "Back");
            }
        });
    }

    private static Html body(List<ConsumerStatus> consumers, Viewer viewer) {
        Html body = new Html();
        if (consumers.isEmpty()) {
            return body.element(
                    "p",
                    "No change consumer is configured (fieldsync.changes.endpoints.<name>, fieldsync.changes.rabbitmq."
                            + "<name>).",
                    "id",
                    "no-consumers");
        }
        body.open("table", "id", "consumers")
                .headers("Consumer", "Kind", "Target", "State", "Cursor", "Lag", "Failures", "Dead letters", "Actions");
        for (ConsumerStatus status : consumers) {
            Html actions = new Html();
            if (status.state().paused() && viewer.mayPost(action(status.name(), "resume"))) {
                actions.append(Layout.button(action(status.name(), "resume"), "Resume", "resume-" + status.name()));
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
            boolean mayReplay = viewer.mayPost(action(status.name(), "replay"));
            for (DeliveryLog.DeadLetter dead : status.deadLetters()) {
                body.row(
                        dead.changeId(),
                        dead.attempts(),
                        Format.time(dead.at()),
                        dead.reason(),
                        mayReplay
                                ? Layout.button(
                                        action(status.name(), "replay"),
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
