package dev.fieldsync.app.rest;

import dev.fieldsync.domain.submission.OperatorAction;
import dev.fieldsync.domain.submission.Submission;
import dev.fieldsync.domain.submission.SubmissionEvent;
import dev.fieldsync.domain.submission.SubmissionState;
import dev.fieldsync.ports.in.sync.SyncOutcome;
import dev.fieldsync.ports.in.sync.SyncStall;
import dev.fieldsync.ports.in.sync.SyncStatus;
import dev.fieldsync.ports.in.verify.VerificationReport;
import dev.fieldsync.ports.in.verify.VerificationStep;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The JSON shapes of the API's answers (requests are read by {@link JsonBody}). */
public final class Views {
    private Views() {}

    /** A slice of mirrored jobs and the link to the next one. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record JobList(
            List<JobView> jobs,
            @Nullable String nextCursor,
            @Nullable String next) {}

    /** A job create accepted into the outbox. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record Accepted(String submissionId, String state, String externalId, String statusUrl) {}

    /**
     * Where a job create stands: its state, the job it became, the candidates a person chooses from when it needs
     * review, the reference line it carries in the notes, and its history of settling steps and operator actions.
     */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record SubmissionView(
            String id,
            String state,
            String externalId,
            String title,
            String siteId,
            int attempts,
            boolean resent,
            @Nullable String jobId,
            @Nullable String jobNumber,
            @Nullable String lastError,
            List<String> candidates,
            String notesReference,
            @Nullable Instant uncertainSince,
            Instant createdAt,
            Instant updatedAt,
            List<EventView> history,
            List<String> actions) {
        public static SubmissionView of(Submission s) {
            return new SubmissionView(
                    s.id().value(),
                    Views.state(s.state()),
                    s.externalId(),
                    s.draft().title(),
                    s.draft().site().value(),
                    s.attempts(),
                    s.resent(),
                    s.jobId().map(id -> id.value()).orElse(null),
                    s.jobNumber().map(n -> n.value()).orElse(null),
                    s.lastError().orElse(null),
                    s.candidates().stream().map(id -> id.value()).toList(),
                    s.reference().line(),
                    s.uncertainSince().orElse(null),
                    s.createdAt(),
                    s.updatedAt(),
                    s.history().stream().map(EventView::of).toList(),
                    java.util.Arrays.stream(OperatorAction.values())
                            .filter(a -> a.allowedIn(s.state()))
                            .map(OperatorAction::word)
                            .toList());
        }
    }

    /** One step of a submission's history. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record EventView(
            Instant at,
            String kind,
            String from,
            String to,
            @Nullable String actor,
            String detail) {
        static EventView of(SubmissionEvent e) {
            return new EventView(
                    e.at(),
                    e.kind().name().toLowerCase(Locale.ROOT),
                    Views.state(e.from()),
                    Views.state(e.to()),
                    e.actor().orElse(null),
                    e.detail());
        }
    }

    /** A page of submissions and the link to the next one. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record SubmissionList(
            List<SubmissionView> submissions, @Nullable String next) {}

    /** A write that may have run, with candidates a person must check (202). */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record Review(String result, String message, String hint, List<String> candidates) {}

    /** A submission state as the API spells it. */
    public static String state(SubmissionState state) {
        return state.name().toLowerCase(Locale.ROOT);
    }

    /** A write the gateway did. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record Done(
            String result,
            @Nullable String jobId,
            @Nullable String siteId,
            @Nullable String notes) {}

    /** A write whose outcome is not known yet (202). */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record Pending(String result, String message, String hint) {}

    /** Sync status. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record Sync(
            @Nullable Instant lastCompletedTo,

            @Nullable @Schema(type = "object", nullable = true)
            PassView inProgress,

            @Nullable Long lagSeconds,
            long mirroredJobs,

            @Nullable @Schema(type = "object", nullable = true)
            OutcomeView lastOutcome,

            @Nullable String lastError,
            boolean catchUpRequested,
            @Nullable Long gatewayClockOffsetSeconds,
            boolean windowsOnGatewayClock,
            @Nullable String clockWarning,
            boolean leader,
            boolean running,
            Map<String, Long> submissions,
            @Nullable String reviewQueue,

            @Nullable @Schema(type = "object", nullable = true)
            StallView stall,

            long missedByIncremental,
            @Nullable Long widenedOverlapSeconds,
            @Nullable String goneReview) {
        public static Sync of(
                SyncStatus s,
                Optional<SyncStall> stall,
                boolean leader,
                boolean running,
                Map<SubmissionState, Long> submissions) {
            Map<String, Long> counts = new java.util.LinkedHashMap<>();
            submissions.forEach((state, count) -> counts.put(state(state), count));
            long waiting = submissions.getOrDefault(SubmissionState.NEEDS_REVIEW, 0L);
            return new Sync(
                    s.lastCompletedTo().orElse(null),
                    s.inProgress()
                            .map(p -> new PassView(
                                    p.window().from(), p.window().to(), p.pagesDone(), p.jobsSeen(), p.startedAt()))
                            .orElse(null),
                    s.lag().map(d -> d.toSeconds()).orElse(null),
                    s.mirroredJobs(),
                    s.lastOutcome().map(OutcomeView::of).orElse(null),
                    s.lastError().orElse(null),
                    s.catchUpRequested(),
                    s.gatewayClock()
                            .offset()
                            .map(d -> Math.round(d.toMillis() / 1000.0))
                            .orElse(null),
                    s.gatewayClock().windowsOnGatewayClock(),
                    s.gatewayClock().warning().orElse(null),
                    leader,
                    running,
                    counts,
                    waiting == 0
                            ? null
                            : waiting + " job create(s) need a person: " + "GET /api/submissions?state=needs_review",
                    stall.map(StallView::of).orElse(null),
                    s.missedByIncremental(),
                    s.widenedOverlap().map(java.time.Duration::toSeconds).orElse(null),
                    s.goneReviewPending()
                            ? "a sweep would mark more jobs gone than fieldsync.sweep.gone-guard-share allows: "
                                    + "GET /api/sweep, then POST /api/sweep/review/accept or /dismiss"
                            : null);
        }
    }

    /** Sync is stalled: why (no_progress, same_checkpoint), since when, where, the last error, the whole message. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record StallView(
            String reason,
            Instant since,
            String where,
            @Nullable String lastError,
            String message) {
        static StallView of(SyncStall stall) {
            return new StallView(
                    stall.reason().name().toLowerCase(Locale.ROOT),
                    stall.since(),
                    stall.where(),
                    stall.lastError().orElse(null),
                    stall.message());
        }
    }

    /** A pass under way. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record PassView(Instant from, Instant to, int pages, long jobs, Instant startedAt) {}

    /** A finished pass. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record OutcomeView(
            Instant from,
            Instant to,
            int pages,
            long jobs,
            long newJobs,
            long changedJobs,
            boolean completed,
            boolean resumed,
            long elapsedMillis) {
        public static OutcomeView of(SyncOutcome o) {
            return new OutcomeView(
                    o.window().from(),
                    o.window().to(),
                    o.pages(),
                    o.jobs(),
                    o.newJobs(),
                    o.changedJobs(),
                    o.completed(),
                    o.resumed(),
                    o.elapsed().toMillis());
        }
    }

    /** "Sync now" answer. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record SyncStarted(String message, String statusUrl) {}

    /** The verification report. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record Report(boolean passed, int plannedRequests, int requestsSpent, List<Step> steps) {
        public static Report of(VerificationReport r) {
            return new Report(
                    r.passed(),
                    r.plannedRequests(),
                    r.requestsSpent(),
                    r.steps().stream().map(Step::of).toList());
        }
    }

    /** One verification step. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record Step(
            String name,
            String outcome,
            String detail,
            @Nullable String meaning,
            @Nullable String action) {
        static Step of(VerificationStep s) {
            return new Step(
                    s.name(),
                    s.outcome().name().toLowerCase(Locale.ROOT),
                    s.detail(),
                    s.meaning().orElse(null),
                    s.action().orElse(null));
        }
    }
}
