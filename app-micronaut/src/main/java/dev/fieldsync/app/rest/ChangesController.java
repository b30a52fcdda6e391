package dev.fieldsync.app.rest;

import dev.fieldsync.domain.change.Change;
import dev.fieldsync.domain.validation.Violation;
import dev.fieldsync.ports.in.changes.ReadChanges;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.sse.Event;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.inject.Named;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;

/**
 * The change feed: keyset pages by sequence ({@code GET /api/changes}, with an optional long-poll {@code wait}) and a
 * Server-Sent Events stream ({@code GET /api/changes/stream}, event id = sequence, so a reconnecting client resumes
 * from {@code Last-Event-ID}); each also under {@code /api/integrations/{integration}/changes} for that integration.
 */
@ProblemAnswers.BadInput
@ProblemAnswers.Unauthorized
@ProblemAnswers.Forbidden
@Controller("/api")
@Tag(name = "changes")
@SecurityRequirement(name = "bearer")
public class ChangesController {
    /** How long the stream waits for a change before it checks whether its client is still there. */
    static final Duration CHECK_CANCELLED = Duration.ofSeconds(15);

    static final String CHANGES = "/changes";
    static final String STREAM = "/changes/stream";

    private final IntegrationScopes scope;
    private final ExecutorService blocking;

    public ChangesController(IntegrationScopes scope, @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.scope = scope;
        this.blocking = blocking;
    }

    @Get(uris = {CHANGES, IntegrationScopes.SCOPE + CHANGES})
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Operation(summary = "Changes after a sequence, oldest first; wait=30s holds the answer until one comes")
    public ChangeView.Page page(
            @Nullable @PathVariable String integration,
            @Nullable @QueryValue String after,
            @Nullable @QueryValue String limit,
            @Nullable @QueryValue String kinds,
            @Nullable @QueryValue String wait)
            throws InterruptedException {
        ScopedIntegration scoped = scope.resolve(integration);
        ReadChanges changes = scoped.changes();
        ChangeParameters query = ChangeParameters.parse(after, limit, kinds, wait);
        List<Change> found = query.waitFor().isZero()
                ? changes.after(query.after(), query.limit(), query.kinds())
                : changes.await(query.after(), query.limit(), query.kinds(), query.waitFor());
        long last =
                found.isEmpty() ? query.after() : found.get(found.size() - 1).sequence();
        return new ChangeView.Page(
                found.stream().map(ChangeView::of).toList(),
                query.nextLink(scoped.path(CHANGES), last),
                changes.latestSequence());
    }

    @Get(
            uris = {STREAM, IntegrationScopes.SCOPE + STREAM},
            produces = MediaType.TEXT_EVENT_STREAM)
    @Operation(summary = "The changes as Server-Sent Events from after (or Last-Event-ID) on, as they are committed")
    public Publisher<Event<ChangeView>> stream(
            @Nullable @PathVariable String integration,
            @Nullable @Header("Last-Event-ID") String lastEventId,
            @Nullable @QueryValue String after,
            @Nullable @QueryValue String kinds) {
        ReadChanges changes = scope.resolve(integration).changes();
        List<Violation> problems = new ArrayList<>();
        long resumeFrom = lastEventId != null && !lastEventId.isBlank()
                ? ChangeParameters.sequence("Last-Event-ID", lastEventId, problems)
                : ChangeParameters.sequence("after", after, problems);
        if (!problems.isEmpty()) {
            throw ProblemException.invalid(problems);
        }
        ChangeParameters query = ChangeParameters.parse(Long.toString(resumeFrom), null, kinds, null);
        return Flux.create(sink -> {
            Future<?> loop = blocking.submit(() -> follow(changes, query, sink));
            sink.onDispose(() -> loop.cancel(true));
        });
    }

    private static void follow(ReadChanges changes, ChangeParameters query, FluxSink<Event<ChangeView>> sink) {
        long position = query.after();
        try {
            while (!sink.isCancelled()) {
                // Wakes at least every CHECK_CANCELLED, so a client that went away frees its thread.
                List<Change> next = changes.await(position, query.limit(), query.kinds(), CHECK_CANCELLED);
                for (Change change : next) {
                    sink.next(Event.of(ChangeView.of(change))
                            .id(Long.toString(change.sequence()))
                            .name(change.kind().wireName()));
                    position = change.sequence();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            sink.complete();
        } catch (RuntimeException e) {
            sink.error(e);
        }
    }
}
