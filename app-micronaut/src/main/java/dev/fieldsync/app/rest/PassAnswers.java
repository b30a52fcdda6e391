package dev.fieldsync.app.rest;

import dev.fieldsync.domain.sync.PassRequest;
import io.micronaut.http.HttpResponse;
import java.time.Instant;
import java.util.Optional;

/** How the API answers "sync now" ({@code POST /api/sync}, {@code POST /api/integrations/{id}/sync}), in one place. */
public final class PassAnswers {
    private PassAnswers() {}

    /** 202 with what happened, or the problem: 409 not leading, paused or not served here, 503 stopping. */
    public static HttpResponse<Views.SyncStarted> of(
            PassRequest request, String statusUrl, Optional<Instant> lastStarted) {
        return switch (request) {
            case STARTED -> accepted("A sync pass has started.", statusUrl);
            case ALREADY_RUNNING -> accepted("A sync pass is already running.", statusUrl);
            case ALREADY_QUEUED -> accepted("A sync pass is already about to start.", statusUrl);
            case RECENT_PASS ->
                accepted(
                        "A sync pass started at "
                                + lastStarted.map(Instant::toString).orElse("a moment ago")
                                + ", within fieldsync.sync.requested-pass-interval; no other was started.",
                        statusUrl);
            case NOT_LEADER ->
                throw new ProblemException(Problem.of(
                                409,
                                "not-sync-leader",
                                "Another instance leads sync",
                                "Only the instance holding the sync lock runs passes.")
                        .withHint("Call POST /api/sync on the leading instance, or wait for its next pass."));
            case PAUSED ->
                throw new ProblemException(Problem.of(
                                409,
                                "integration-paused",
                                "The integration is paused",
                                "No sync pass runs while an operator has the integration paused.")
                        .withHint("Resume it first: POST /api/integrations/{id}/resume."));
            case NOT_SERVED ->
                throw new ProblemException(Problem.of(
                                409,
                                "integration-not-served",
                                "This service runs no sync for the integration",
                                "The integration is registered, but no core of this process serves it.")
                        .withHint("Run passes on a service configured with its fieldsync.integration-id."));
            case NOT_RUNNING ->
                throw new ProblemException(
                        Problem.of(503, "service-stopping", "The service is not running its loops", null));
        };
    }

    private static HttpResponse<Views.SyncStarted> accepted(String message, String statusUrl) {
        return HttpResponse.accepted().body(new Views.SyncStarted(message, statusUrl));
    }
}
