package dev.fieldsync.domain.job;

import java.util.Map;

/** Valid inputs that a test changes one member of. */
final class Drafts {
    static final String START = "2026-07-01T09:00:00+10:00";
    static final String END = "2026-07-01T11:00:00+10:00";

    private Drafts() {}

    private static JobDraftInput.Builder validBuilder() {
        return JobDraftInput.builder()
                .site("3065756")
                .jobType("77")
                .title("Annual service")
                .startTime(START)
                .endTime(END);
    }

    static JobDraftInput valid() {
        return validBuilder().build();
    }

    static JobDraftInput withTitle(String title) {
        return validBuilder().title(title).build();
    }

    static JobDraftInput withTimes(String start, String end) {
        return validBuilder().startTime(start).endTime(end).build();
    }

    static JobDraftInput withOptionals(String notes, String purchaseOrder, String externalId, String project) {
        return validBuilder()
                .notes(notes)
                .purchaseOrderNumber(purchaseOrder)
                .externalId(externalId)
                .project(project)
                .build();
    }

    static JobDraftInput withCustomFields(Map<String, String> customFields) {
        return validBuilder().customFields(customFields).build();
    }
}
