package dev.fieldsync.app.webhook;

import dev.fieldsync.app.config.FieldsyncSettings;
import dev.fieldsync.app.rest.CallerText;
import dev.fieldsync.app.rest.IntegrationScopes;
import dev.fieldsync.app.rest.Problem;
import dev.fieldsync.app.rest.ProblemException;
import dev.fieldsync.app.rest.ScopedIntegration;
import dev.fieldsync.domain.id.JobId;
import dev.fieldsync.domain.id.NumericId;
import dev.fieldsync.domain.validation.Violation;
import dev.fieldsync.domain.webhook.WebhookEvent;
import dev.fieldsync.domain.webhook.WebhookSignature;
import dev.fieldsync.ports.in.webhook.HandleWebhookEvent;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives the gateway's webhook deliveries: checks the signature on the raw bytes (either configured
 * secret, timestamp within 5 minutes), stores the event durably (dedupe by event id), answers 2xx only then,
 * and leaves the processing to the service loop. The event's identity and type come from the signed body
 * only: the {@code X-FI-Gateway-Event-*} headers are not signed, so one that disagrees with the body is refused.
 * {@code /webhooks/fieldinsight} is the default integration's, {@code /webhooks/fieldinsight/{integration}} that
 * integration's, checked with its own secrets.
 */
@ApiResponse(
        responseCode = "400",
        description = "Malformed signature or body",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@ApiResponse(
        responseCode = "401",
        description = "Signature refused",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@ApiResponse(
        responseCode = "503",
        description = "No webhook secret is configured",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@Controller("/webhooks")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "webhooks")
public class WebhookController {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookController.class);

    static final String DELIVERIES = "/fieldinsight";

    private final IntegrationScopes scope;
    private final JsonMapper json;
    private final Clock clock;
    private final RefusalLog refusals;

    public WebhookController(FieldsyncSettings settings, IntegrationScopes scope, JsonMapper json, Clock clock) {
        this.scope = scope;
        this.json = json;
        this.clock = clock;
        this.refusals = new RefusalLog(LOG, clock, settings.webhooks().refusalLogInterval());
    }

    /** The answer to a stored delivery. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record Receipt(String eventId, String result) {}

    @Post(uris = {DELIVERIES, DELIVERIES + "/{integration}"})
    @Consumes(MediaType.ALL)
    @SecurityRequirements
    @Operation(summary = "Webhook delivery from the FieldInsight Gateway (signed with X-FI-Gateway-Signature)")
    public HttpResponse<Receipt> receive(
            @Nullable @PathVariable String integration,
            @Nullable @Body byte[] body,
            @Nullable @Header("X-FI-Gateway-Signature") String signature,
            @Nullable @Header("X-FI-Gateway-Event-Id") String eventIdHeader,
            @Nullable @Header("X-FI-Gateway-Event-Type") String eventTypeHeader) {
        ScopedIntegration served = scope.resolve(integration);
        if (served.webhookSecrets().isEmpty()) {
            throw new ProblemException(Problem.of(
                            503, "webhooks-not-configured", "Webhooks are not configured", "No webhook secret is set.")
                    .withHint(
                            integration == null
                                    ? "Set FIELDSYNC_WEBHOOK_SECRET to the secret the gateway operator gave you."
                                    : "Give integration '" + served.id().value() + "' webhook_secrets (env:NAME or"
                                            + " file:PATH) in the registry."));
        }
        byte[] raw = body == null ? new byte[0] : body;
        Instant now = clock.instant();
        WebhookSignature.Verdict verdict = WebhookSignature.verify(signature, raw, served.webhookSecrets(), now);
        if (!verdict.valid()) {
            boolean malformed =
                    verdict.reason().startsWith("missing") || verdict.reason().startsWith("malformed");
            refusals.refused(
                    malformed ? "malformed signature" : "signature refused",
                    verdict.reason() + " (event id header " + CallerText.forLog(eventIdHeader) + ")");
            throw new ProblemException(Problem.of(
                    malformed ? 400 : 401, "bad-signature", "The webhook signature was refused", verdict.reason()));
        }
        WebhookEvent event;
        try {
            event = parse(served, raw, eventIdHeader, eventTypeHeader, now);
        } catch (ProblemException refused) {
            refusals.refused(
                    "signed but unusable",
                    refused.problem().code() + " (event id header " + CallerText.forLog(eventIdHeader) + ")");
            throw refused;
        }
        HandleWebhookEvent.Acceptance acceptance = served.core().webhooks().accept(event);
        served.work().nudgeWebhooks();
        return HttpResponse.ok(new Receipt(
                event.eventId(), acceptance == HandleWebhookEvent.Acceptance.ACCEPTED ? "accepted" : "duplicate"));
    }

    private WebhookEvent parse(
            ScopedIntegration served, byte[] raw, String eventIdHeader, String eventTypeHeader, Instant now) {
        JsonNode root;
        try {
            root = json.readValue(raw, JsonNode.class);
        } catch (IOException | RuntimeException malformed) {
            throw ProblemException.invalid(List.of(Violation.of("body", "json", "the delivery is not valid JSON")));
        }
        if (root == null || !root.isObject()) {
            throw ProblemException.invalid(
                    List.of(Violation.of("body", "json-object", "the delivery must be a JSON object")));
        }
        String eventId = text(root, "event_id").orElse(null);
        String eventType = text(root, "event_type").orElse(null);
        if (eventId == null || eventId.isBlank() || eventId.length() > 200) {
            throw ProblemException.invalid(
                    List.of(
                            Violation.of(
                                    "event_id",
                                    "required",
                                    "the signed body has no "
                                            + "event_id of 1-200 characters (the X-FI-Gateway-Event-Id header is not signed, so it is not used)")));
        }
        if (eventType == null || eventType.isBlank()) {
            throw ProblemException.invalid(List.of(Violation.of(
                    "event_type",
                    "required",
                    "the signed body has no "
                            + "event_type (the X-FI-Gateway-Event-Type header is not signed, so it is not used)")));
        }
        requireAgreement("X-FI-Gateway-Event-Id", eventIdHeader, "event_id", eventId);
        requireAgreement("X-FI-Gateway-Event-Type", eventTypeHeader, "event_type", eventType);
        Instant occurredAt =
                text(root, "occurred_at").flatMap(WebhookController::instant).orElse(now);
        JsonNode job = root.get("job");
        Optional<JobId> jobId = Optional.empty();
        Optional<String> status = Optional.empty();
        Optional<String> previous = Optional.empty();
        if (job != null && job.isObject()) {
            jobId = text(job, "id").filter(NumericId::isDigits).map(JobId::of);
            status = text(job, "status");
            previous = text(job, "previous_status");
        }
        return new WebhookEvent(
                served.id(),
                eventId,
                eventType,
                occurredAt,
                jobId,
                status,
                previous,
                now,
                new String(raw, StandardCharsets.UTF_8));
    }

    /** An unsigned header may repeat the signed body, never contradict it (a replay with a new id would pass dedupe). */
    private static void requireAgreement(String header, String headerValue, String member, String signed) {
        if (headerValue != null && !headerValue.equals(signed)) {
            throw new ProblemException(
                    Problem.of(
                                    400,
                                    "webhook-header-mismatch",
                                    "The delivery's headers disagree with its signed body",
                                    "The " + header + " header is '" + CallerText.abbreviate(headerValue)
                                            + "' but the signed body's " + member + " is '"
                                            + CallerText.abbreviate(signed) + "'; the body is what was signed.")
                            .withHint(
                                    "Send the gateway's delivery unchanged; fieldsync identifies an event by its signed body."));
        }
    }

    private static Optional<String> text(JsonNode node, String name) {
        JsonNode value = node.get(name);
        return value != null && value.isString() ? Optional.of(value.getStringValue()) : Optional.empty();
    }

    private static Optional<Instant> instant(String value) {
        try {
            return Optional.of(Instant.parse(value));
        } catch (DateTimeParseException notAnInstant) {
            return Optional.empty();
        }
    }
}
