package dev.fieldsync.domain.job;

import dev.fieldsync.domain.id.JobTypeId;
import dev.fieldsync.domain.id.ProjectId;
import dev.fieldsync.domain.id.SiteId;
import dev.fieldsync.domain.validation.FieldRules;
import dev.fieldsync.domain.validation.Validated;
import dev.fieldsync.domain.validation.Violation;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A valid job to create (GATEWAY-API.md §6 "Create"). The start and end are the customer's preferred
 * window: the gateway creates jobs unscheduled.
 */
public record JobDraft(
        SiteId site,
        JobTypeId jobType,
        String title,
        OffsetDateTime startTime,
        OffsetDateTime endTime,
        Optional<String> notes,
        Optional<String> purchaseOrderNumber,
        Optional<String> externalId,
        Optional<ProjectId> project,
        Map<String, String> customFields) {

    public static final int TITLE_MAX = 200;
    public static final int NOTES_MAX = 2000;
    public static final int PURCHASE_ORDER_MAX = 100;
    public static final int EXTERNAL_ID_MAX = 36;

    public JobDraft {
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(jobType, "jobType");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(startTime, "startTime");
        Objects.requireNonNull(endTime, "endTime");
        Objects.requireNonNull(notes, "notes");
        Objects.requireNonNull(purchaseOrderNumber, "purchaseOrderNumber");
        Objects.requireNonNull(externalId, "externalId");
        Objects.requireNonNull(project, "project");
        customFields = customFields == null ? Map.of() : Map.copyOf(customFields);
    }

    /**
     * Checks every documented rule at once. Site, job type and project must already be ids here (names are
     * resolved by the catalog first).
     */
    public static Validated<JobDraft> validate(JobDraftInput input) {
        FieldRules rules = new FieldRules();
        Optional<String> site = rules.requiredId("site", input.site());
        Optional<String> jobType = rules.requiredId("job_type", input.jobType());
        Optional<String> title = rules.required("title", input.title(), TITLE_MAX);
        Optional<OffsetDateTime> start = rules.requiredTime("start_time", input.startTime());
        Optional<OffsetDateTime> end = rules.requiredTime("end_time", input.endTime());
        rules.endAfterStart(start, end);
        Optional<String> notes = rules.optional("notes", input.notes(), NOTES_MAX);
        Optional<String> purchaseOrder =
                rules.optional("purchase_order_number", input.purchaseOrderNumber(), PURCHASE_ORDER_MAX);
        Optional<String> externalId = rules.optional("external_id", input.externalId(), EXTERNAL_ID_MAX);
        Optional<String> project = rules.optionalId("project", input.project());
        checkCustomFields(rules, input.customFields());
        if (rules.hasViolations()) {
            return Validated.invalid(rules.violations());
        }
        return Validated.valid(new JobDraft(
                SiteId.of(site.get()),
                JobTypeId.of(jobType.get()),
                title.get(),
                start.get(),
                end.get(),
                notes,
                purchaseOrder,
                externalId,
                project.map(ProjectId::of),
                JobDraftInput.CustomFieldInput.values(input.customFields()).orElseThrow()));
    }

    static void checkCustomFields(FieldRules rules, Map<String, Optional<String>> customFields) {
        customFields.forEach((key, value) -> {
            if (key.isBlank()) {
                rules.add(Violation.of("custom_fields", "required", "custom field names must not be empty"));
            } else if (value.isEmpty()) {
                rules.add(Violation.of(
                        "custom_fields." + key,
                        "required",
                        "custom field " + key + " needs a string value (send \"\" to clear it)"));
            }
        });
    }

    /** A copy with other notes (the notes actually sent, e.g. with fieldsync's reference line). */
    public JobDraft withNotes(String newNotes) {
        return new JobDraft(
                site,
                jobType,
                title,
                startTime,
                endTime,
                Optional.of(newNotes),
                purchaseOrderNumber,
                externalId,
                project,
                customFields);
    }

    /** A copy with the given external id. */
    public JobDraft withExternalId(String newExternalId) {
        return new JobDraft(
                site,
                jobType,
                title,
                startTime,
                endTime,
                notes,
                purchaseOrderNumber,
                Optional.of(newExternalId),
                project,
                customFields);
    }
}
