package dev.fieldsync.domain.job;

import java.util.Map;

/**
 * A change to a job as received: a null member is absent (not sent); an empty string is a value. Members
 * that the gateway does not let us write (site, job type, project) are carried so they can be refused
 * with a clear message instead of silently dropped.
 */
public record JobPatchInput(
        String title,
        String notes,
        String startTime,
        String endTime,
        String purchaseOrderNumber,
        String externalId,
        Map<String, String> customFields,
        String site,
        String jobType,
        String project) {

    public JobPatchInput {
        customFields = customFields == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(customFields));
    }

    /** Only the writable members. */
    public static JobPatchInput of(String title, String notes, String startTime, String endTime,
            String purchaseOrderNumber, String externalId, Map<String, String> customFields) {
        return new JobPatchInput(title, notes, startTime, endTime, purchaseOrderNumber, externalId, customFields,
                null, null, null);
    }

    /** A patch that only replaces the notes. */
    public static JobPatchInput notes(String notes) {
        return of(null, notes, null, null, null, null, null);
    }
}
