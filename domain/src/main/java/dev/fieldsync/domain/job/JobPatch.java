package dev.fieldsync.domain.job;

import dev.fieldsync.domain.validation.FieldRules;
import dev.fieldsync.domain.validation.Validated;
import dev.fieldsync.domain.validation.Violation;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A valid change to a job (GATEWAY-API.md §6 "Update"): only writable members; an empty Optional means
 * "not sent", a present one means "set to this". Custom fields: only the keys present change.
 */
public record JobPatch(
        Optional<String> title,
        Optional<String> notes,
        Optional<OffsetDateTime> startTime,
        Optional<OffsetDateTime> endTime,
        Optional<String> purchaseOrderNumber,
        Optional<String> externalId,
        Map<String, String> customFields) {

    public JobPatch {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(notes, "notes");
        Objects.requireNonNull(startTime, "startTime");
        Objects.requireNonNull(endTime, "endTime");
        Objects.requireNonNull(purchaseOrderNumber, "purchaseOrderNumber");
        Objects.requireNonNull(externalId, "externalId");
        customFields = customFields == null ? Map.of() : Map.copyOf(customFields);
    }

    /** Checks every documented rule at once; refuses not-writable members and an empty patch. */
    public static Validated<JobPatch> validate(JobPatchInput input) {
        FieldRules rules = new FieldRules();
        Optional<String> title = rules.nonEmpty("title", input.title(), JobDraft.TITLE_MAX);
        Optional<String> notes = rules.optional("notes", input.notes(), JobDraft.NOTES_MAX);
        Optional<OffsetDateTime> start = rules.optionalTime("start_time", input.startTime());
        Optional<OffsetDateTime> end = rules.optionalTime("end_time", input.endTime());
        rules.endAfterStart(start, end);
        Optional<String> purchaseOrder =
                rules.optional("purchase_order_number", input.purchaseOrderNumber(), JobDraft.PURCHASE_ORDER_MAX);
        Optional<String> externalId = rules.optional("external_id", input.externalId(), JobDraft.EXTERNAL_ID_MAX);
        JobDraft.checkCustomFields(rules, input.customFields());
        notWritable(rules, "site", input.site(), "create a new job on the other site and cancel this one");
        notWritable(rules, "job_type", input.jobType(), "create a new job with the other job type and cancel this one");
        notWritable(rules, "project", input.project(), "the project is fixed when the job is created");
        boolean empty = Stream.of(
                                input.title(),
                                input.notes(),
                                input.startTime(),
                                input.endTime(),
                                input.purchaseOrderNumber(),
                                input.externalId(),
                                input.site(),
                                input.jobType(),
                                input.project())
                        .allMatch(Optional::isEmpty)
                && input.customFields().isEmpty();
        if (empty) {
            rules.add(Violation.of(
                    "patch",
                    "empty",
                    "nothing to change: send at least one of title, notes, start_time, end_time, "
                            + "purchase_order_number, external_id, custom_fields"));
        }
        if (rules.hasViolations()) {
            return Validated.invalid(rules.violations());
        }
        return Validated.valid(new JobPatch(
                title,
                notes,
                start,
                end,
                purchaseOrder,
                externalId,
                JobDraftInput.CustomFieldInput.values(input.customFields()).orElseThrow()));
    }

    private static void notWritable(FieldRules rules, String field, Optional<String> value, String instead) {
        if (value.isPresent()) {
            rules.add(
                    Violation.of(field, "not-writable", field + " cannot be changed through the gateway; " + instead));
        }
    }

    /**
     * The job as the gateway holds it after this patch (GATEWAY-API.md §6): each member sent replaces the job's,
     * custom fields change only for the keys sent, everything else stays.
     */
    public Job applyTo(Job job) {
        java.util.Map<String, String> fields = new java.util.TreeMap<>(job.customFields());
        fields.putAll(customFields());
        return new Job(
                job.id(),
                job.number(),
                job.seriesNumber(),
                job.primary(),
                title().orElse(job.title()),
                job.status(),
                startTime().or(job::startTime),
                endTime().or(job::endTime),
                job.customer(),
                job.site(),
                notes().orElse(job.notes()),
                fields,
                externalId().or(job::externalId),
                purchaseOrderNumber().or(job::purchaseOrderNumber),
                job.project(),
                job.jobType());
    }
}
