package dev.fieldsync.application.submission;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldsync.application.Scenario;
import dev.fieldsync.domain.id.CustomerId;
import dev.fieldsync.domain.id.JobTypeId;
import dev.fieldsync.domain.id.ProjectId;
import dev.fieldsync.domain.id.SiteId;
import dev.fieldsync.domain.job.JobDraftInput;
import dev.fieldsync.domain.submission.Submission;
import dev.fieldsync.domain.submission.SubmissionState;
import dev.fieldsync.domain.validation.Violation;
import dev.fieldsync.ports.in.write.SubmitResult;
import dev.fieldsync.ports.out.gateway.GatewayOperation;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SubmitJobTest {
    private final Scenario s = new Scenario(0);

    static JobDraftInput draft(String site, String jobType, String title, String project, Map<String, String> fields) {
        return JobDraftInput.builder()
                .site(site)
                .jobType(jobType)
                .title(title)
                .startTime("2026-07-01T09:00:00+10:00")
                .endTime("2026-07-01T11:00:00+10:00")
                .project(project)
                .customFields(fields)
                .build();
    }

    @Test
    void namesResolveToIdsAndAnExternalIdIsGenerated() {
        SubmitResult result = s.core()
                .submitJob()
                .submit(draft(
                        "88 Queen St, Brisbane QLD 4000",
                        "service",
                        "Annual service",
                        "Capital works",
                        Map.of("scope_of_work", "Full service")));

        assertThat(result).isInstanceOf(SubmitResult.Accepted.class);
        Submission submission = ((SubmitResult.Accepted) result).submission();
        assertThat(submission.draft().site()).isEqualTo(SiteId.of("3065759"));
        assertThat(submission.draft().jobType()).isEqualTo(JobTypeId.of("501"));
        assertThat(submission.draft().project()).contains(ProjectId.of("9002"));
        assertThat(submission.externalId()).hasSize(36).matches("[0-9a-f-]{36}");
        assertThat(submission.state()).isEqualTo(SubmissionState.PENDING);
        assertThat(s.core().submitJob().submission(submission.id())).contains(submission);
        assertThat(s.gateway().calls(GatewayOperation.CREATE_JOB)).isZero(); // sending is the dispatcher's job
    }

    @Test
    void nearMissNamesGetSuggestionsAndEveryProblemIsReportedAtOnce() {
        JobDraftInput input = JobDraftInput.builder()
                .site("88 Quen St, Brisbane QLD 4000")
                .jobType("Servise")
                .title("")
                .startTime("2026-07-01T11:00:00+10:00")
                .endTime("2026-07-01T09:00:00")
                .project("Capitol works")
                .customFields(Map.of("scope_of_wrok", "x"))
                .build();

        SubmitResult result = s.core().submitJob().submit(input);

        assertThat(result).isInstanceOf(SubmitResult.Rejected.class);
        var violations = ((SubmitResult.Rejected) result).violations();
        assertThat(violations)
                .extracting(Violation::field)
                .containsExactlyInAnyOrder(
                        "site", "job_type", "project", "title", "end_time", "custom_fields.scope_of_wrok");
        assertThat(message(violations, "site")).contains("did you mean '88 Queen St, Brisbane QLD 4000' (3065759)");
        assertThat(message(violations, "job_type")).contains("did you mean 'Service' (501)?");
        assertThat(message(violations, "project")).contains("did you mean 'Capital works' (9002)?");
        assertThat(message(violations, "end_time")).contains("has no offset");
        assertThat(message(violations, "custom_fields.scope_of_wrok")).contains("scope_of_work");
        assertThat(s.submissions().all(Scenario.INTEGRATION)).isEmpty();
    }

    @Test
    void fieldRulesAndCatalogRulesAreReportedTogether() {
        // Resolved job type, so the custom field's job-type restriction is checked next to the missing title.
        SubmitResult result = s.core()
                .submitJob()
                .submit(draft(
                        "3065756", "Service", null, null, Map.of("warranty_claim_number", "W-1", "colour", "red")));

        var violations = ((SubmitResult.Rejected) result).violations();
        assertThat(violations)
                .extracting(Violation::field)
                .containsExactlyInAnyOrder("title", "custom_fields.warranty_claim_number", "custom_fields.colour");
        assertThat(message(violations, "custom_fields.warranty_claim_number")).contains("'Repair' (502)");
    }

    @Test
    void anAmbiguousNameListsTheCandidates() {
        s.gateway().putSite(SiteId.of("4000001"), CustomerId.of("245715"), "Depot");
        s.gateway().putSite(SiteId.of("4000002"), CustomerId.of("245716"), "Depot");

        SubmitResult result = s.core().submitJob().submit(draft("Depot", "Service", "Check", null, Map.of()));

        var violations = ((SubmitResult.Rejected) result).violations();
        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.rule()).isEqualTo("ambiguous-name");
            assertThat(v.message()).contains("'Depot' (4000001)", "'Depot' (4000002)", "give the id instead");
        });
        SubmitResult byId = s.core().submitJob().submit(draft("4000002", "Service", "Check", null, Map.of()));
        assertThat(byId).isInstanceOf(SubmitResult.Accepted.class);
    }

    @Test
    void resubmittingTheSameExternalIdIsIdempotentAndOtherContentIsRefused() {
        JobDraftInput input =
                draft("3065756", "Repair", "Fix pump", null, Map.of()).withExternalId("erp-42");
        Submission first = ((SubmitResult.Accepted) s.core().submitJob().submit(input)).submission();

        assertThat(s.core().submitJob().submit(input)).isEqualTo(new SubmitResult.Accepted(first));
        SubmitResult other = s.core()
                .submitJob()
                .submit(draft("3065756", "Repair", "Other", null, Map.of()).withExternalId("erp-42"));
        assertThat(other).isInstanceOf(SubmitResult.Rejected.class);
        assertThat(((SubmitResult.Rejected) other).violations().get(0).message())
                .contains("erp-42", first.id().value());
        assertThat(s.submissions().all(Scenario.INTEGRATION)).hasSize(1);
    }

    private static String message(java.util.List<Violation> violations, String field) {
        return violations.stream()
                .filter(v -> v.field().equals(field))
                .findFirst()
                .orElseThrow()
                .message();
    }
}
