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
        JobPatch patch = JobPatch.validate(
                        JobPatchInput.builder().title("New title").build())
                .orElseThrow();
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
        JobPatch patch = JobPatch.validate(JobPatchInput.builder()
                        .purchaseOrderNumber("")
                        .externalId("")
                        .build())
                .orElseThrow();
        assertThat(patch.purchaseOrderNumber()).contains("");
        assertThat(patch.externalId()).contains("");
    }

    @Test
    void anEmptyTitleIsRefused() {
        Validated<JobPatch> result =
                JobPatch.validate(JobPatchInput.builder().title("").build());
        assertThat(result.violations())
                .extracting(Violation::field, Violation::rule)
                .containsExactly(tuple("title", "required"));
    }

    @Test
    void everyLimitHoldsOnPatchesToo() {
        assertThat(JobPatch.validate(JobPatchInput.builder()
                                .title("t".repeat(200))
                                .notes("n".repeat(2000))
                                .purchaseOrderNumber("p".repeat(100))
                                .externalId("e".repeat(36))
                                .build())
                        .isValid())
                .isTrue();
        Validated<JobPatch> result = JobPatch.validate(JobPatchInput.builder()
                .title("t".repeat(201))
                .notes("n".repeat(2001))
                .purchaseOrderNumber("p".repeat(101))
                .externalId("e".repeat(37))
                .build());
        assertThat(result.violations())
                .extracting(Violation::field, Violation::rule)
                .containsExactlyInAnyOrder(
                        tuple("title", "max-length"),
                        tuple("notes", "max-length"),
                        tuple("purchase_order_number", "max-length"),
                        tuple("external_id", "max-length"));
    }

    @Test
    void timesNeedOffsetsAndOrder() {
        assertThat(JobPatch.validate(JobPatchInput.builder()
                                .startTime("2026-07-01T09:00:00")
                                .build())
                        .violations())
                .extracting(Violation::field, Violation::rule)
                .containsExactly(tuple("start_time", "offset-required"));
        assertThat(JobPatch.validate(JobPatchInput.builder()
                                .startTime(Drafts.END)
                                .endTime(Drafts.START)
                                .build())
                        .violations())
                .extracting(Violation::rule)
                .containsExactly("end-after-start");
        assertThat(JobPatch.validate(JobPatchInput.builder()
                                .startTime(Drafts.START)
                                .endTime(Drafts.START)
                                .build())
                        .violations())
                .extracting(Violation::rule)
                .containsExactly("end-after-start");
        JobPatch onlyStart = JobPatch.validate(
                        JobPatchInput.builder().startTime(Drafts.START).build())
                .orElseThrow();
        assertThat(onlyStart.startTime()).contains(OffsetDateTime.parse(Drafts.START));
        assertThat(onlyStart.endTime()).isEmpty();
    }

    @Test
    void siteJobTypeAndProjectAreNotWritable() {
        JobPatchInput input = JobPatchInput.builder()
                .title("ok")
                .site("1")
                .jobType("2")
                .project("3")
                .build();
        Validated<JobPatch> result = JobPatch.validate(input);
        assertThat(result.violations())
                .extracting(Violation::field, Violation::rule)
                .containsExactlyInAnyOrder(
                        tuple("site", "not-writable"),
                        tuple("job_type", "not-writable"),
                        tuple("project", "not-writable"));
        assertThat(result.violations()).allSatisfy(v -> assertThat(v.message()).contains("cannot be changed"));
    }

    @Test
    void anEmptyPatchIsRefused() {
        Validated<JobPatch> result = JobPatch.validate(JobPatchInput.builder().build());
        assertThat(result.violations())
                .extracting(Violation::field, Violation::rule)
                .containsExactly(tuple("patch", "empty"));
        assertThat(result.violations().get(0).message()).contains("title").contains("custom_fields");
    }

    @Test
    void onlyTheCustomFieldsSentAreCarried() {
        Map<String, String> fields = new HashMap<>();
        fields.put("scope_of_work", "Repair");
        fields.put("access_notes", "");
        JobPatch patch = JobPatch.validate(
                        JobPatchInput.builder().customFields(fields).build())
                .orElseThrow();
        assertThat(patch.customFields())
                .containsOnly(Map.entry("scope_of_work", "Repair"), Map.entry("access_notes", ""));
    }

    @Test
    void aNullCustomFieldValueIsReported() {
        Map<String, String> fields = new HashMap<>();
        fields.put("scope_of_work", null);
        Validated<JobPatch> result =
                JobPatch.validate(JobPatchInput.builder().customFields(fields).build());
        assertThat(result.violations()).extracting(Violation::field).containsExactly("custom_fields.scope_of_work");
    }

    @Test
    void allViolationsOfAPatchComeTogether() {
        JobPatchInput input = JobPatchInput.builder()
                .title("")
                .notes("n".repeat(2001))
                .startTime("yesterday")
                .externalId("e".repeat(37))
                .site("1")
                .build();
        assertThat(JobPatch.validate(input).violations())
                .extracting(Violation::rule)
                .containsExactlyInAnyOrder("required", "max-length", "iso-8601", "max-length", "not-writable");
    }
}
