package dev.fieldsync.domain.job;

import java.util.Map;

/**
 * A job to create, as a person or another system typed it: every member may be null (absent), times are
 * text, and site, job type and project may be names that the lookup catalog resolves to ids.
 */
public record JobDraftInput(
        String site,
        String jobType,
        String title,
        String startTime,
        String endTime,
        String notes,
        String purchaseOrderNumber,
        String externalId,
        String project,
        Map<String, String> customFields) {

    public JobDraftInput {
        // Not Map.copyOf: a null name or value must reach validation and be reported, not throw a bare NPE.
        customFields = customFields == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(customFields));
    }

    /** A copy with site, job type and project replaced (after resolving names to ids). */
    public JobDraftInput withReferences(String newSite, String newJobType, String newProject) {
        return new JobDraftInput(newSite, newJobType, title, startTime, endTime, notes, purchaseOrderNumber,
                externalId, newProject, customFields);
    }

    /** A copy with another external id. */
    public JobDraftInput withExternalId(String newExternalId) {
        return new JobDraftInput(site, jobType, title, startTime, endTime, notes, purchaseOrderNumber,
                newExternalId, project, customFields);
    }
}
