package dev.fieldsync.application.submission;

import dev.fieldsync.application.lookup.CatalogService;
import dev.fieldsync.application.lookup.References;
import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.domain.id.JobTypeId;
import dev.fieldsync.domain.id.ProjectId;
import dev.fieldsync.domain.id.SiteId;
import dev.fieldsync.domain.job.JobDraft;
import dev.fieldsync.domain.job.JobDraftInput;
import dev.fieldsync.domain.lookup.LookupCatalog;
import dev.fieldsync.domain.lookup.LookupKind;
import dev.fieldsync.domain.submission.Submission;
import dev.fieldsync.domain.submission.SubmissionId;
import dev.fieldsync.domain.submission.SubmissionReference;
import dev.fieldsync.domain.validation.Validated;
import dev.fieldsync.domain.validation.Violation;
import dev.fieldsync.ports.in.write.SubmitJob;
import dev.fieldsync.ports.in.write.SubmitResult;
import dev.fieldsync.ports.out.log.LogFields;
import dev.fieldsync.ports.out.store.Submissions;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Validates a job create against the field rules and the cached catalog, reporting every problem at once,
 * and stores it in the outbox with an external id. Sending is {@link SubmissionDispatcher}'s job.
 */
public final class SubmitJobService implements SubmitJob {
    private static final System.Logger LOG = System.getLogger(SubmitJobService.class.getName());
    /** Stand-in for a reference that failed to resolve: it is reported once, by its own violation. */
    private static final String PLACEHOLDER_ID = "0";

    private final IntegrationId integration;
    private final CatalogService lookups;
    private final Submissions submissions;
    private final Clock clock;
    private final Supplier<UUID> ids;
    private final boolean notesReference;
    private final LogFields logFields;

    public SubmitJobService(
            IntegrationId integration,
            CatalogService lookups,
            Submissions submissions,
            Clock clock,
            Supplier<UUID> ids,
            boolean notesReference,
            LogFields logFields) {
        this.integration = Objects.requireNonNull(integration, "integration");
        this.lookups = Objects.requireNonNull(lookups, "lookups");
        this.submissions = Objects.requireNonNull(submissions, "submissions");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.notesReference = notesReference;
        this.logFields = Objects.requireNonNull(logFields, "logFields");
    }

    /**
     * Validates and stores. Throws the gateway's exception only when there is no catalog at all and it
     * cannot be fetched (names cannot be resolved without one).
     */
    @Override
    public SubmitResult submit(JobDraftInput input) {
        Objects.requireNonNull(input, "input");
        LookupCatalog catalog = lookups.catalog();
        List<Violation> violations = new ArrayList<>();
        Optional<SiteId> site =
                resolve("site", input.site(), catalog.lookup(LookupKind.SITES), LookupKind.SITES, violations);
        Optional<JobTypeId> jobType = resolve(
                "job_type", input.jobType(), catalog.lookup(LookupKind.JOB_TYPES), LookupKind.JOB_TYPES, violations);
        Optional<ProjectId> project = resolve(
                "project", input.project(), catalog.lookup(LookupKind.PROJECTS), LookupKind.PROJECTS, violations);
        Set<String> refused = violations.stream().map(Violation::field).collect(Collectors.toSet());

        String externalId = input.externalId()
                .filter(id -> !id.isBlank())
                .orElseGet(() -> ids.get().toString());
        JobDraftInput resolved = input.withExternalId(externalId)
                .withReferences(
                        reference(input.site(), site.map(SiteId::value)),
                        reference(input.jobType(), jobType.map(JobTypeId::value)),
                        reference(input.project(), project.map(ProjectId::value)));
        Validated<JobDraft> validated = JobDraft.validate(resolved);
        violations.addAll(validated.violations().stream()
                .filter(v -> !refused.contains(v.field()))
                .toList());
        Set<String> reported = violations.stream().map(Violation::field).collect(Collectors.toSet());
        Optional<JobDraft> checkable = validated.value().or(() -> standIn(resolved, site, jobType, project));
        if (checkable.isPresent()) {
            violations.addAll(catalog.validate(checkable.get()).stream()
                    .filter(v -> !reported.contains(v.field()))
                    .toList());
        } else {
            violations.addAll(unmappedCustomFields(catalog, resolved));
        }
        if (notesReference && !reported.contains("notes")) {
            referenceRoom(resolved.notes(), externalId).ifPresent(violations::add);
        }
        if (!violations.isEmpty()) {
            return new SubmitResult.Rejected(violations);
        }
        JobDraft draft = validated.value().orElseThrow();

        Optional<Submission> earlier = submissions.findByExternalId(integration, externalId);
        if (earlier.isPresent()) {
            if (earlier.get().draft().equals(draft)) {
                return new SubmitResult.Accepted(earlier.get()); // a retried submit: idempotent
            }
            return new SubmitResult.Rejected(List.of(Violation.of(
                    "external_id",
                    "duplicate",
                    "external_id " + externalId + " was already used by submission "
                            + earlier.get().id() + " (" + earlier.get().state()
                            + ") with other content; use a new external id")));
        }
        Submission submission =
                Submission.pending(SubmissionId.of(ids.get().toString()), integration, draft, clock.instant());
        submissions.add(submission);
        try (LogFields.Scope fields =
                logFields.with(Map.of("submission", submission.id().value()))) {
            LOG.log(
                    Level.INFO,
                    "submission {0} (external id {1}) stored for site {2}",
                    submission.id(),
                    externalId,
                    draft.site());
        }
        return new SubmitResult.Accepted(submission);
    }

    @Override
    public Optional<Submission> submission(SubmissionId id) {
        return submissions.find(id).filter(found -> found.integration().equals(integration));
    }

    private static <I> Optional<I> resolve(
            String field,
            Optional<String> reference,
            dev.fieldsync.domain.lookup.Lookup<I> lookup,
            LookupKind<?> kind,
            List<Violation> violations) {
        if (reference.isEmpty() || reference.get().isBlank()) {
            return Optional.empty(); // "required" (or nothing, for project) is the field rules' call
        }
        return References.resolve(field, reference.get(), lookup, kind, violations);
    }

    /** The reference line goes into the notes too, so it counts against the gateway's 2,000 characters. */
    private static Optional<Violation> referenceRoom(Optional<String> userNotes, String externalId) {
        SubmissionReference reference = SubmissionReference.of(externalId);
        int length = userNotes.map(n -> n.codePointCount(0, n.length())).orElse(0);
        int added = reference.addedLength(userNotes);
        if (length + added <= JobDraft.NOTES_MAX) {
            return Optional.empty();
        }
        return Optional.of(Violation.of(
                "notes",
                "max-length",
                "notes is " + length + " characters; with the "
                        + added + "-character reference line fieldsync adds to find this job again ("
                        + reference.line() + ") it may be at most " + (JobDraft.NOTES_MAX - added)
                        + " characters: shorten it by " + (length + added - JobDraft.NOTES_MAX)
                        + ", or turn the reference "
                        + "off (fieldsync.submissions.notes-reference=false)"));
    }

    /** Without a job type only the names of custom fields can be checked (restrictions need the type). */
    private static List<Violation> unmappedCustomFields(LookupCatalog catalog, JobDraftInput input) {
        String known = catalog.items(LookupKind.CUSTOM_FIELDS).stream()
                .map(field -> field.externalName())
                .sorted()
                .collect(Collectors.joining(", "));
        return input.customFields().keySet().stream()
                .sorted()
                .filter(name -> catalog.customField(name).isEmpty())
                .map(name -> Violation.of(
                        "custom_fields." + name,
                        "unknown-custom-field",
                        "custom field '" + name + "' is not mapped for this integration; known fields: " + known))
                .toList();
    }

    /** The resolved id, the original when absent (so the field rules judge it), or the placeholder. */
    private static Optional<String> reference(Optional<String> original, Optional<String> resolved) {
        if (original.isEmpty() || original.get().isBlank()) {
            return original;
        }
        return resolved.or(() -> Optional.of(PLACEHOLDER_ID));
    }

    /**
     * When the field rules failed there is no draft, yet the catalog rules (custom fields and their job
     * type) still deserve checking so that every problem is reported at once: check a stand-in carrying
     * the resolved references and the input's custom fields. Empty when there is no job type to check
     * against (custom-field restrictions depend on it) or a custom field has no value.
     */
    private static Optional<JobDraft> standIn(
            JobDraftInput input, Optional<SiteId> site, Optional<JobTypeId> jobType, Optional<ProjectId> project) {
        Optional<Map<String, String>> fields = input.customFieldValues();
        if (jobType.isEmpty() || fields.isEmpty()) {
            return Optional.empty();
        }
        OffsetDateTime anyTime = OffsetDateTime.of(2000, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
        return Optional.of(new JobDraft(
                site.orElse(SiteId.of(PLACEHOLDER_ID)),
                jobType.get(),
                "stand-in",
                anyTime,
                anyTime.plusHours(1),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                project,
                fields.get()));
    }
}
