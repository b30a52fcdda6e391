package dev.fieldsync.domain.job;

import java.util.Map;

/** Valid inputs that a test changes one member of. */
final class Drafts {
    static final String START = "2026-07-01T09:00:00+10:00";
    static final String END = "2026-07-01T11:00:00+10:00";

    private Drafts() {
    }

    static JobDraftInput valid() {
        return new JobDraftInput("3065756", "77", "Annual service", START, END, null, null, null, null, Map.of());
    }

    static JobDraftInput withTitle(String title) {
        JobDraftInput v = valid();
        return new JobDraftInput(v.site(), v.jobType(), title, v.startTime(), v.endTime(), v.notes(),
                v.purchaseOrderNumber(), v.externalId(), v.project(), v.customFields());
    }

    static JobDraftInput withTimes(String start, String end) {
        JobDraftInput v = valid();
        return new JobDraftInput(v.site(), v.jobType(), v.title(), start, end, v.notes(), v.purchaseOrderNumber(),
                v.externalId(), v.project(), v.customFields());
    }

    static JobDraftInput withOptionals(String notes, String purchaseOrder, String externalId, String project) {
        JobDraftInput v = valid();
        return new JobDraftInput(v.site(), v.jobType(), v.title(), v.startTime(), v.endTime(), notes, purchaseOrder,
                externalId, project, v.customFields());
    }

    static JobDraftInput withCustomFields(Map<String, String> customFields) {
        JobDraftInput v = valid();
        return new JobDraftInput(v.site(), v.jobType(), v.title(), v.startTime(), v.endTime(), v.notes(),
                v.purchaseOrderNumber(), v.externalId(), v.project(), customFields);
    }
}
