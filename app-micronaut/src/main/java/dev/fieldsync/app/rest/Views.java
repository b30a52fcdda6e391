package dev.fieldsync.app.rest;

import dev.fieldsync.domain.lookup.CustomFieldDef;
import dev.fieldsync.domain.lookup.Lookup;
import dev.fieldsync.domain.lookup.LookupCatalog;
import dev.fieldsync.domain.lookup.LookupKind;
import dev.fieldsync.domain.submission.Submission;
import dev.fieldsync.ports.in.sync.SyncOutcome;
import dev.fieldsync.ports.in.sync.SyncStatus;
import dev.fieldsync.ports.in.verify.VerificationReport;
import dev.fieldsync.ports.in.verify.VerificationStep;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** The JSON shapes of the API's answers (requests are read by {@link JsonBody}). */
public final class Views {
    private Views() {
    }

    /** A slice of mirrored jobs and the link to the next one. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record JobList(List<JobView> jobs, @Nullable String nextCursor, @Nullable String next) {
    }

    /** A job create accepted into the outbox. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record Accepted(String submissionId, String state, String externalId, String statusUrl) {
    }

    /** Where a job create stands. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record SubmissionView(String id, String state, String externalId, String title, int attempts,
            boolean resent, @Nullable String jobId, @Nullable String jobNumber, @Nullable String lastError,
            Instant createdAt, Instant updatedAt) {
        public static SubmissionView of(Submission s) {
            return new SubmissionView(s.id().value(), s.state().name().toLowerCase(Locale.ROOT), s.externalId(),
                    s.draft().title(), s.attempts(), s.resent(), s.jobId().map(id -> id.value()).orElse(null),
                    s.jobNumber().map(n -> n.value()).orElse(null), s.lastError().orElse(null), s.createdAt(),
                    s.updatedAt());
        }
    }

    /** A write the gateway did. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record Done(String result, @Nullable String jobId, @Nullable String siteId, @Nullable String notes) {
    }

    /** A write whose outcome is not known yet (202). */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record Pending(String result, String message, String hint) {
    }

    /** One lookup item. */
    @Serdeable
    public record Item(String id, String name) {
    }

    /** One custom field with its job-type restriction (null: any type). */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record CustomField(String externalName, String fiFieldId, @Nullable String jobTypeId) {
    }

    /** The lookup catalog. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record Catalog(Instant fetchedAt, List<Item> customers, List<Item> sites, List<Item> projects,
            List<Item> jobTypes, List<Item> jobStatuses, List<CustomField> customFields, List<String> possiblyTruncated) {
        public static Catalog of(LookupCatalog c) {
            return new Catalog(c.fetchedAt(), items(c.customers()), items(c.sites()), items(c.projects()),
                    items(c.jobTypes()), items(c.statuses()),
                    c.customFields().stream().map(Views::customField).toList(),
                    c.possiblyTruncated().stream().map(LookupKind::path).sorted().toList());
        }
    }

    /** Sync status. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record Sync(@Nullable Instant lastCompletedTo, @Nullable PassView inProgress, @Nullable Long lagSeconds,
            long mirroredJobs, @Nullable OutcomeView lastOutcome, @Nullable String lastError, boolean catchUpRequested,
            boolean leader, boolean running) {
        public static Sync of(SyncStatus s, boolean leader, boolean running) {
            return new Sync(s.lastCompletedTo().orElse(null),
                    s.inProgress().map(p -> new PassView(p.window().from(), p.window().to(), p.pagesDone(), p.jobsSeen(),
                            p.startedAt())).orElse(null),
                    s.lag().map(d -> d.toSeconds()).orElse(null), s.mirroredJobs(),
                    s.lastOutcome().map(OutcomeView::of).orElse(null), s.lastError().orElse(null), s.catchUpRequested(),
                    leader, running);
        }
    }

    /** A pass under way. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record PassView(Instant from, Instant to, int pages, long jobs, Instant startedAt) {
    }

    /** A finished pass. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record OutcomeView(Instant from, Instant to, int pages, long jobs, long newJobs, long changedJobs,
            boolean completed, boolean resumed, long elapsedMillis) {
        static OutcomeView of(SyncOutcome o) {
            return new OutcomeView(o.window().from(), o.window().to(), o.pages(), o.jobs(), o.newJobs(),
                    o.changedJobs(), o.completed(), o.resumed(), o.elapsed().toMillis());
        }
    }

    /** "Sync now" answer. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record SyncStarted(String message, String statusUrl) {
    }

    /** The verification report. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record Report(boolean passed, int plannedRequests, int requestsSpent, List<Step> steps) {
        public static Report of(VerificationReport r) {
            return new Report(r.passed(), r.plannedRequests(), r.requestsSpent(), r.steps().stream().map(Step::of).toList());
        }
    }

    /** One verification step. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record Step(String name, String outcome, String detail, @Nullable String meaning, @Nullable String action) {
        static Step of(VerificationStep s) {
            return new Step(s.name(), s.outcome().name().toLowerCase(Locale.ROOT), s.detail(), s.meaning().orElse(null),
                    s.action().orElse(null));
        }
    }

    static <I> List<Item> items(Lookup<I> lookup) {
        return lookup.items().stream().map(item -> new Item(item.id().toString(), item.name())).toList();
    }

    static CustomField customField(CustomFieldDef def) {
        return new CustomField(def.externalName(), def.fiFieldId(), def.jobType().map(t -> t.value()).orElse(null));
    }
}
