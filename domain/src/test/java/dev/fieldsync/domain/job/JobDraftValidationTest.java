package dev.fieldsync.domain.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.fieldsync.domain.id.JobTypeId;
import dev.fieldsync.domain.id.ProjectId;
import dev.fieldsync.domain.id.SiteId;
import dev.fieldsync.domain.validation.Validated;
import dev.fieldsync.domain.validation.Violation;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JobDraftValidationTest {

    private static Violation onlyViolation(JobDraftInput input) {
        Validated<JobDraft> result = JobDraft.validate(input);
        assertThat(result.isValid()).as("valid: %s", result).isFalse();
        assertThat(result.violations()).hasSize(1);
        return result.violations().get(0);
    }

    @Test
    void aCompleteDraftIsValidAndKeepsEveryMember() {
        JobDraftInput input = JobDraftInput.builder()
                .site("3065756")
                .jobType("77")
                .title("Annual service")
                .startTime(Drafts.START)
                .endTime(Drafts.END)
                .notes("gate code 1234")
                .purchaseOrderNumber("PO-7")
                .externalId("erp-42")
                .project("555")
                .customFields(Map.of("scope_of_work", "Install"))
                .build();
        JobDraft draft = JobDraft.validate(input).orElseThrow();
        assertThat(draft.site()).isEqualTo(SiteId.of("3065756"));
        assertThat(draft.jobType()).isEqualTo(JobTypeId.of("77"));
        assertThat(draft.title()).isEqualTo("Annual service");
        assertThat(draft.startTime()).isEqualTo(OffsetDateTime.parse(Drafts.START));
        assertThat(draft.endTime()).isEqualTo(OffsetDateTime.parse(Drafts.END));
        assertThat(draft.notes()).contains("gate code 1234");
        assertThat(draft.purchaseOrderNumber()).contains("PO-7");
        assertThat(draft.externalId()).contains("erp-42");
        assertThat(draft.project()).contains(ProjectId.of("555"));
        assertThat(draft.customFields()).containsExactly(Map.entry("scope_of_work", "Install"));
    }

    @Test
    void optionalMembersMayBeAbsent() {
        JobDraft draft = JobDraft.validate(Drafts.valid()).orElseThrow();
        assertThat(draft.notes()).isEmpty();
        assertThat(draft.purchaseOrderNumber()).isEmpty();
        assertThat(draft.externalId()).isEmpty();
        assertThat(draft.project()).isEmpty();
        assertThat(draft.customFields()).isEmpty();
    }

    @Test
    void titleOfTwoHundredCharactersIsAcceptedAndTwoHundredOneRejected() {
        assertThat(JobDraft.validate(Drafts.withTitle("t".repeat(200)))
                        .orElseThrow()
                        .title())
                .hasSize(200);
        Violation violation = onlyViolation(Drafts.withTitle("t".repeat(201)));
        assertThat(violation.field()).isEqualTo("title");
        assertThat(violation.rule()).isEqualTo("max-length");
        assertThat(violation.message()).contains("201").contains("200");
    }

    @Test
    void titleLengthCountsCharactersNotUtf16Units() {
        String emoji = "\uD83D\uDD27"; // one code point, two chars
        assertThat(JobDraft.validate(Drafts.withTitle(emoji.repeat(200))).isValid())
                .isTrue();
        assertThat(onlyViolation(Drafts.withTitle(emoji.repeat(201))).rule()).isEqualTo("max-length");
    }

    @Test
    void titleOfOneCharacterIsAcceptedAndBlankIsRequired() {
        assertThat(JobDraft.validate(Drafts.withTitle("x")).isValid()).isTrue();
        assertThat(onlyViolation(Drafts.withTitle("")))
                .extracting(Violation::field, Violation::rule)
                .containsExactly("title", "required");
        assertThat(onlyViolation(Drafts.withTitle("   ")))
                .extracting(Violation::field, Violation::rule)
                .containsExactly("title", "required");
        assertThat(onlyViolation(Drafts.withTitle(null)))
                .extracting(Violation::field, Violation::rule)
                .containsExactly("title", "required");
    }

    @ParameterizedTest(name = "{0}: {1} accepted, {2} rejected")
    @CsvSource({"notes, 2000, 2001", "purchase_order_number, 100, 101", "external_id, 36, 37"})
    void optionalTextLimits(String field, int accepted, int rejected) {
        assertThat(JobDraft.validate(optional(field, "n".repeat(accepted))).isValid())
                .isTrue();
        Violation violation = onlyViolation(optional(field, "n".repeat(rejected)));
        assertThat(violation.field()).isEqualTo(field);
        assertThat(violation.rule()).isEqualTo("max-length");
        assertThat(violation.message()).contains(Integer.toString(accepted));
    }

    private static JobDraftInput optional(String field, String value) {
        return switch (field) {
            case "notes" -> Drafts.withOptionals(value, null, null, null);
            case "purchase_order_number" -> Drafts.withOptionals(null, value, null, null);
            case "external_id" -> Drafts.withOptionals(null, null, value, null);
            default -> throw new IllegalArgumentException(field);
        };
    }

    @Test
    void emptyNotesAreAValue() {
        assertThat(JobDraft.validate(Drafts.withOptionals("", null, null, null))
                        .orElseThrow()
                        .notes())
                .contains("");
    }

    @Test
    void aTimeWithoutOffsetIsRefusedWithRuleOffsetRequired() {
        Violation violation = onlyViolation(Drafts.withTimes("2026-07-01T09:00:00", Drafts.END));
        assertThat(violation.field()).isEqualTo("start_time");
        assertThat(violation.rule()).isEqualTo("offset-required");
        assertThat(violation.message()).contains("2026-07-01T09:00:00").contains("+10:00");
    }

    @Test
    void utcZuluAndNegativeOffsetsAreAccepted() {
        assertThat(JobDraft.validate(Drafts.withTimes("2026-07-01T09:00:00Z", "2026-07-01T10:00:00-05:00"))
                        .isValid())
                .isTrue();
    }

    @Test
    void somethingThatIsNotADateIsRefusedAsIso8601() {
        assertThat(onlyViolation(Drafts.withTimes(Drafts.START, "next tuesday")))
                .extracting(Violation::field, Violation::rule)
                .containsExactly("end_time", "iso-8601");
        assertThat(onlyViolation(Drafts.withTimes("2026-07-01", Drafts.END)))
                .extracting(Violation::field, Violation::rule)
                .containsExactly("start_time", "iso-8601");
        assertThat(onlyViolation(Drafts.withTimes("2026-13-01T09:00:00+10:00", Drafts.END))
                        .rule())
                .isEqualTo("iso-8601");
    }

    @Test
    void endBeforeStartIsRefused() {
        Violation violation = onlyViolation(Drafts.withTimes(Drafts.END, Drafts.START));
        assertThat(violation)
                .extracting(Violation::field, Violation::rule)
                .containsExactly("end_time", "end-after-start");
    }

    @Test
    void endEqualToStartIsRefusedEvenInAnotherOffset() {
        assertThat(onlyViolation(Drafts.withTimes(Drafts.START, Drafts.START)).rule())
                .isEqualTo("end-after-start");
        // 09:00+10:00 is 23:00Z the day before: the same instant.
        assertThat(onlyViolation(Drafts.withTimes(Drafts.START, "2026-06-30T23:00:00Z"))
                        .rule())
                .isEqualTo("end-after-start");
    }

    @Test
    void endOneSecondAfterStartIsAccepted() {
        assertThat(JobDraft.validate(Drafts.withTimes(Drafts.START, "2026-07-01T09:00:01+10:00"))
                        .isValid())
                .isTrue();
    }

    @Test
    void everyRequiredFieldIsReportedWhenMissing() {
        JobDraftInput empty = JobDraftInput.builder().build();
        Validated<JobDraft> result = JobDraft.validate(empty);
        assertThat(result.violations())
                .extracting(Violation::field, Violation::rule)
                .containsExactlyInAnyOrder(
                        tuple("site", "required"),
                        tuple("job_type", "required"),
                        tuple("title", "required"),
                        tuple("start_time", "required"),
                        tuple("end_time", "required"));
    }

    @Test
    void idsMustBeDigits() {
        JobDraftInput input = JobDraftInput.builder()
                .site("Acme HQ")
                .jobType("7a")
                .title("t")
                .startTime(Drafts.START)
                .endTime(Drafts.END)
                .project("P-1")
                .build();
        assertThat(JobDraft.validate(input).violations())
                .extracting(Violation::field, Violation::rule)
                .containsExactlyInAnyOrder(
                        tuple("site", "numeric-id"), tuple("job_type", "numeric-id"), tuple("project", "numeric-id"));
    }

    @Test
    void oneInputBreakingSixRulesGetsSixViolationsAtOnce() {
        JobDraftInput input = JobDraftInput.builder()
                .site("abc")
                .title("t".repeat(201))
                .startTime("2026-07-01T09:00:00")
                .endTime("not a date")
                .notes("n".repeat(2001))
                .externalId("e".repeat(37))
                .build();
        Validated<JobDraft> result = JobDraft.validate(input);
        assertThat(result.violations())
                .extracting(Violation::field, Violation::rule)
                .containsExactlyInAnyOrder(
                        tuple("site", "numeric-id"),
                        tuple("job_type", "required"),
                        tuple("title", "max-length"),
                        tuple("start_time", "offset-required"),
                        tuple("end_time", "iso-8601"),
                        tuple("notes", "max-length"),
                        tuple("external_id", "max-length"));
        assertThat(result.value()).isEmpty();
        assertThatThrownBy(result::orElseThrow)
                .isInstanceOf(Validated.InvalidInputException.class)
                .hasMessageContaining("7 problem(s)")
                .satisfies(e -> assertThat(((Validated.InvalidInputException) e).violations())
                        .hasSize(7));
    }

    @Test
    void fiveBrokenRulesGiveFiveViolations() {
        JobDraftInput input = JobDraftInput.builder()
                .jobType("x")
                .title("")
                .startTime(Drafts.END)
                .endTime(Drafts.START)
                .purchaseOrderNumber("p".repeat(101))
                .build();
        assertThat(JobDraft.validate(input).violations())
                .extracting(Violation::rule)
                .containsExactlyInAnyOrder("required", "numeric-id", "required", "end-after-start", "max-length");
    }

    @Test
    void customFieldWithNullValueOrBlankNameIsReportedNotThrown() {
        Map<String, String> fields = new HashMap<>();
        fields.put("scope_of_work", null);
        fields.put(" ", "x");
        fields.put("access_notes", "");
        Validated<JobDraft> result = JobDraft.validate(Drafts.withCustomFields(fields));
        assertThat(result.violations())
                .extracting(Violation::field, Violation::rule)
                .containsExactlyInAnyOrder(
                        tuple("custom_fields.scope_of_work", "required"), tuple("custom_fields", "required"));
    }

    @Test
    void customFieldValuesMayBeEmptyStrings() {
        JobDraft draft = JobDraft.validate(Drafts.withCustomFields(Map.of("scope_of_work", "")))
                .orElseThrow();
        assertThat(draft.customFields()).containsEntry("scope_of_work", "");
    }

    @Test
    void withExternalIdReplacesOnlyTheExternalId() {
        JobDraft draft = JobDraft.validate(Drafts.valid()).orElseThrow();
        JobDraft tagged = draft.withExternalId("fs-1");
        assertThat(tagged.externalId()).contains("fs-1");
        assertThat(tagged)
                .usingRecursiveComparison()
                .ignoringFields("externalId")
                .isEqualTo(draft);
    }

    @Test
    void inputCopiesReplaceReferencesAndExternalId() {
        JobDraftInput input = Drafts.valid()
                .withReferences(Optional.of("1"), Optional.of("2"), Optional.of("3"))
                .withExternalId("ext");
        assertThat(input)
                .extracting(
                        JobDraftInput::site,
                        JobDraftInput::jobType,
                        JobDraftInput::project,
                        JobDraftInput::externalId,
                        JobDraftInput::title)
                .containsExactly(
                        Optional.of("1"),
                        Optional.of("2"),
                        Optional.of("3"),
                        Optional.of("ext"),
                        Optional.of("Annual service"));
    }

    @Test
    void draftConstructorRefusesMissingMembers() {
        assertThatThrownBy(() -> new JobDraft(
                        null,
                        JobTypeId.of("1"),
                        "t",
                        OffsetDateTime.parse(Drafts.START),
                        OffsetDateTime.parse(Drafts.END),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Map.of()))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("site");
    }
}
