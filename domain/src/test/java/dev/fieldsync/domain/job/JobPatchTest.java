package dev.fieldsync.domain.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.fieldsync.domain.validation.Validated;
import dev.fieldsync.domain.validation.Violation;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobPatchTest {

    @Test
    void absentMembersStayAbsent() {
        JobPatch patch = JobPatch.validate(JobPatchInput.of("New title", null, null, null, null, null, null)).orElseThrow();
        assertThat(patch.title()).contains("New title");
        assertThat(patch.notes()).isEmpty();
        assertThat(patch.startTime()).isEmpty();
        assertThat(patch.endTime()).isEmpty();
        assertThat(patch.purchaseOrderNumber()).isEmpty();
        assertThat(patch.externalId()).isEmpty();
        assertThat(patch.customFields()).isEmpty();
    }

    @Test
    void emptyNotesAreSetNotAbsent() {
        JobPatch patch = JobPatch.validate(JobPatchInput.notes("")).orElseThrow();
        assertThat(patch.notes()).contains("");
    }

    @Test
    void emptyPurchaseOrderAndExternalIdAreValues() {
        JobPatch patch = JobPatch.validate(JobPatchInput.of(null, null, null, null, "", "", null)).orElseThrow();
        assertThat(patch.purchaseOrderNumber()).contains("");
        assertThat(patch.externalId()).contains("");
    }

    @Test
    void anEmptyTitleIsRefused() {
        Validated<JobPatch> result = JobPatch.validate(JobPatchInput.of("", null, null, null, null, null, null));
        assertThat(result.violations()).extracting(Violation::field, Violation::rule).containsExactly(tuple("title", "required"));
    }

    @Test
    void everyLimitHoldsOnPatchesToo() {
        assertThat(JobPatch.validate(JobPatchInput.of("t".repeat(200), "n".repeat(2000), null, null, "p".repeat(100),
                "e".repeat(36), null)).isValid()).isTrue();
        Validated<JobPatch> result = JobPatch.validate(JobPatchInput.of("t".repeat(201), "n".repeat(2001), null, null,
                "p".repeat(101), "e".repeat(37), null));
        assertThat(result.violations()).extracting(Violation::field, Violation::rule).containsExactlyInAnyOrder(
                tuple("title", "max-length"), tuple("notes", "max-length"), tuple("purchase_order_number", "max-length"),
                tuple("external_id", "max-length"));
    }

    @Test
    void timesNeedOffsetsAndOrder() {
        assertThat(JobPatch.validate(JobPatchInput.of(null, null, "2026-07-01T09:00:00", null, null, null, null))
                .violations()).extracting(Violation::field, Violation::rule)
                .containsExactly(tuple("start_time", "offset-required"));
        assertThat(JobPatch.validate(JobPatchInput.of(null, null, Drafts.END, Drafts.START, null, null, null))
                .violations()).extracting(Violation::rule).containsExactly("end-after-start");
        assertThat(JobPatch.validate(JobPatchInput.of(null, null, Drafts.START, Drafts.START, null, null, null))
                .violations()).extracting(Violation::rule).containsExactly("end-after-start");
        JobPatch onlyStart = JobPatch.validate(JobPatchInput.of(null, null, Drafts.START, null, null, null, null))
                .orElseThrow();
        assertThat(onlyStart.startTime()).contains(OffsetDateTime.parse(Drafts.START));
        assertThat(onlyStart.endTime()).isEmpty();
    }

    @Test
    void siteJobTypeAndProjectAreNotWritable() {
        JobPatchInput input = new JobPatchInput("ok", null, null, null, null, null, null, "1", "2", "3");
        Validated<JobPatch> result = JobPatch.validate(input);
        assertThat(result.violations()).extracting(Violation::field, Violation::rule).containsExactlyInAnyOrder(
                tuple("site", "not-writable"), tuple("job_type", "not-writable"), tuple("project", "not-writable"));
        assertThat(result.violations()).allSatisfy(v -> assertThat(v.message()).contains("cannot be changed"));
    }

    @Test
    void anEmptyPatchIsRefused() {
        Validated<JobPatch> result = JobPatch.validate(JobPatchInput.of(null, null, null, null, null, null, Map.of()));
        assertThat(result.violations()).extracting(Violation::field, Violation::rule).containsExactly(tuple("patch", "empty"));
        assertThat(result.violations().get(0).message()).contains("title").contains("custom_fields");
    }

    @Test
    void onlyTheCustomFieldsSentAreCarried() {
        Map<String, String> fields = new HashMap<>();
        fields.put("scope_of_work", "Repair");
        fields.put("access_notes", "");
        JobPatch patch = JobPatch.validate(JobPatchInput.of(null, null, null, null, null, null, fields)).orElseThrow();
        assertThat(patch.customFields()).containsOnly(Map.entry("scope_of_work", "Repair"), Map.entry("access_notes", ""));
    }

    @Test
    void aNullCustomFieldValueIsReported() {
        Map<String, String> fields = new HashMap<>();
        fields.put("scope_of_work", null);
        Validated<JobPatch> result = JobPatch.validate(JobPatchInput.of(null, null, null, null, null, null, fields));
        assertThat(result.violations()).extracting(Violation::field).containsExactly("custom_fields.scope_of_work");
    }

    @Test
    void allViolationsOfAPatchComeTogether() {
        JobPatchInput input = new JobPatchInput("", "n".repeat(2001), "yesterday", null, null, "e".repeat(37), null,
                "1", null, null);
        assertThat(JobPatch.validate(input).violations()).extracting(Violation::rule).containsExactlyInAnyOrder(
                "required", "max-length", "iso-8601", "max-length", "not-writable");
    }
}
