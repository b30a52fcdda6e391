package dev.fieldsync.app.rest;

import dev.fieldsync.app.config.FieldsyncSettings;
import dev.fieldsync.app.delivery.ConsumerOperations;
import dev.fieldsync.app.delivery.ConsumerProblem;
import dev.fieldsync.app.scheduling.DeliveryLoops;
import dev.fieldsync.domain.validation.Violation;
import dev.fieldsync.ports.out.delivery.DeliveryLog;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The push side of the change feed for an operator: the consumers (webhook endpoints, broker sinks) with their state,
 * lag, failures and dead letters; a consumer's delivery log (keyset pages, newest first); replaying one change or a
 * range now, rewinding to a sequence (everything from there is delivered again), resuming a paused consumer. Each
 * path answers for the default integration under {@code /api/changes/consumers} and for another one under
 * {@code /api/integrations/{integration}/changes/consumers}: that integration's (integration, consumer) pairs, each
 * with its own cursor, and only the consumers that serve it.
 */
@ProblemAnswers.BadInput
@ProblemAnswers.Unauthorized
@ProblemAnswers.NotFound
@Controller("/api")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "changes")
@SecurityRequirement(name = "bearer")
public class ConsumersController {
    private static final int DEFAULT_LIMIT = 50;
    static final String CONSUMERS = "/changes/consumers";
    static final String ONE = CONSUMERS + "/{name}";

    private final ConsumerOperations defaults;
    private final IntegrationScopes scope;
    private final DeliveryLoops loops;
    private final Duration maxLag;

    public ConsumersController(
            ConsumerOperations operations, IntegrationScopes scope, DeliveryLoops loops, FieldsyncSettings settings) {
        this.defaults = operations;
        this.scope = scope;
        this.loops = loops;
        this.maxLag = settings.changeDelivery().maxLag();
    }

    /** The operations on the pairs of the path's integration (404 unknown, 409 not served here). */
    private ConsumerOperations operations(@Nullable String integration) {
        return defaults.of(scope.resolve(integration).id());
    }

    @Get(uris = {CONSUMERS, IntegrationScopes.SCOPE + CONSUMERS})
    @Operation(
            summary = "The change feed's consumers of the integration: state, lag (changes and seconds), failures,"
                    + " dead letters")
    public ConsumerViews.ConsumerList list(@Nullable @PathVariable String integration) {
        return new ConsumerViews.ConsumerList(operations(integration).all().stream()
                .map(status -> ConsumerViews.Consumer.of(status, maxLag))
                .toList());
    }

    @Get(uris = {ONE, IntegrationScopes.SCOPE + ONE})
    @Operation(
            summary = "One consumer: state, lag, failures, dead letters (404 when it does not serve the integration)")
    public ConsumerViews.Consumer one(@Nullable @PathVariable String integration, @PathVariable String name) {
        ConsumerOperations operations = operations(integration);
        return answer(() -> ConsumerViews.Consumer.of(operations.status(name), maxLag));
    }

    @Get(uris = {ONE + "/deliveries", IntegrationScopes.SCOPE + ONE + "/deliveries"})
    @Operation(summary = "A consumer's delivery log, newest first: attempts with status and latency (follow next)")
    public ConsumerViews.DeliveryPage deliveries(
            @Nullable @PathVariable String integration,
            @PathVariable String name,
            @Nullable @QueryValue String before,
            @Nullable @QueryValue String limit) {
        ConsumerOperations operations = operations(integration);
        List<Violation> problems = new ArrayList<>();
        long below = number("before", before, Long.MAX_VALUE, problems);
        long size = number("limit", limit, DEFAULT_LIMIT, problems);
        if (!problems.isEmpty()) {
            throw ProblemException.invalid(problems);
        }
        List<DeliveryLog.LoggedAttempt> page =
                answer(() -> operations.deliveries(name, below, (int) Math.min(size, Integer.MAX_VALUE)));
        String next = page.size() < size
                ? null
                : operations.apiBase() + CONSUMERS + "/" + name + "/deliveries?before="
                        + page.get(page.size() - 1).id() + "&limit=" + size;
        return new ConsumerViews.DeliveryPage(
                name, page.stream().map(ConsumerViews.Attempt::of).toList(), next);
    }

    @Post(uris = {ONE + "/replay", IntegrationScopes.SCOPE + ONE + "/replay"})
    @Consumes({MediaType.APPLICATION_JSON, MediaType.ALL})
    @Operation(
            summary = "Deliver again: change=<id> or from=<seq>&to=<seq> now (200, with the attempts); from=<seq>"
                    + " alone rewinds the consumer, so its deliverer sends everything from there again (202)")
    public HttpResponse<?> replay(
            @Nullable @PathVariable String integration,
            @PathVariable String name,
            @Nullable @QueryValue String change,
            @Nullable @QueryValue String from,
            @Nullable @QueryValue String to) {
        ConsumerOperations operations = operations(integration);
        List<Violation> problems = new ArrayList<>();
        boolean byId = change != null && !change.isBlank();
        boolean byRange = from != null && !from.isBlank();
        if (byId == byRange) {
            problems.add(Violation.of(
                    byId ? "change" : "from",
                    "replay",
                    "give either change=<change id> or from=<sequence> (with to=<sequence> for a range), not "
                            + (byId ? "both" : "neither")));
            throw ProblemException.invalid(problems);
        }
        if (byId) {
            return HttpResponse.ok(answer(() -> {
                var result = operations.replayChange(name, change.strip());
                long sequence = Long.parseLong(
                        change.substring(change.lastIndexOf('_') + 1).strip());
                return ConsumerViews.Replayed.of(name, sequence, sequence, result);
            }));
        }
        long first = number("from", from, 1, problems);
        boolean ranged = to != null && !to.isBlank();
        long last = ranged ? number("to", to, first, problems) : 0;
        if (!problems.isEmpty()) {
            throw ProblemException.invalid(problems);
        }
        if (ranged) {
            return HttpResponse.ok(answer(
                    () -> ConsumerViews.Replayed.of(name, first, last, operations.replayRange(name, first, last))));
        }
        ConsumerViews.Moved moved = answer(() -> {
            operations.rewind(name, first);
            loops.nudge();
            return new ConsumerViews.Moved(
                    ConsumerViews.Consumer.of(operations.status(name), maxLag),
                    "consumer " + name + " delivers every change from " + first + " on again (receivers dedupe by id)");
        });
        return HttpResponse.status(HttpStatus.ACCEPTED).body(moved);
    }

    @Post(uris = {ONE + "/resume", IntegrationScopes.SCOPE + ONE + "/resume"})
    @Consumes({MediaType.APPLICATION_JSON, MediaType.ALL})
    @Operation(summary = "Resume a paused consumer: it delivers again from where it stood")
    public ConsumerViews.Moved resume(@Nullable @PathVariable String integration, @PathVariable String name) {
        ConsumerOperations operations = operations(integration);
        return answer(() -> {
            boolean wasPaused = operations.status(name).state().paused();
            operations.resume(name);
            loops.nudge();
            return new ConsumerViews.Moved(
                    ConsumerViews.Consumer.of(operations.status(name), maxLag),
                    wasPaused
                            ? "consumer " + name + " resumed: delivery goes on from sequence "
                                    + operations.status(name).state().cursor()
                            : "consumer " + name + " was not paused; its failure count starts over");
        });
    }

    private static <T> T answer(Supplier<T> operation) {
        try {
            return operation.get();
        } catch (ConsumerProblem problem) {
            if (problem.notFound()) {
                throw new ProblemException(
                        Problem.of(404, "not-found", problem.getMessage(), null).withHint(problem.hint()));
            }
            throw ProblemException.invalid(
                    List.of(Violation.of("query", "invalid", problem.getMessage())), problem.hint());
        }
    }

    private static long number(String field, String text, long fallback, List<Violation> problems) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            long parsed = Long.parseLong(text.strip());
            if (parsed >= 1) {
                return parsed;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        problems.add(Violation.of(field, "number", field + " must be a whole number ≥ 1; got '" + text + "'"));
        return fallback;
    }
}
