package dev.fieldsync.application.write;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldsync.application.Scenario;
import dev.fieldsync.domain.id.JobId;
import dev.fieldsync.domain.id.SiteId;
import dev.fieldsync.domain.job.Job;
import dev.fieldsync.domain.job.JobDraftInput;
import dev.fieldsync.domain.job.JobPatchInput;
import dev.fieldsync.domain.job.JobState;
import dev.fieldsync.domain.lookup.LookupKind;
import dev.fieldsync.domain.problem.ProblemCode;
import dev.fieldsync.domain.site.SiteInput;
import dev.fieldsync.domain.validation.Violation;
import dev.fieldsync.ports.in.write.SubmitResult;
import dev.fieldsync.ports.in.write.WriteOutcome;
import dev.fieldsync.ports.out.gateway.GatewayOperation;
import dev.fieldsync.ports.out.gateway.OutcomeUnknownException;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JobWritesTest {
    private final Scenario s = new Scenario(100);
    /** "[2026-03-02T08:00:00Z] " */
    private static final int STAMP = 23;

    private Job job(JobState state, String notes) {
        Job job = s.gateway().jobs().stream()
                .filter(j -> j.state() == state)
                .findFirst()
                .orElseThrow();
        return s.gateway()
                .updateJob(
                        job.id(), j -> j.withNotes(notes), s.clock().instant().minusSeconds(60));
    }

    @Test
    void appendingUpToExactly2000CharactersIsAcceptedAndOneMoreIsRefused() {
        JobId exact = job(JobState.PENDING, "").id();
        JobId over = s.gateway().jobs().stream()
                .filter(j -> j.state() == JobState.PENDING && !j.id().equals(exact))
                .findFirst()
                .orElseThrow()
                .id();
        s.gateway().updateJob(over, j -> j.withNotes(""), s.clock().instant().minusSeconds(60));
        s.sync();
        long updates = s.gateway().calls(GatewayOperation.UPDATE_JOB);

        WriteOutcome<String> accepted = s.core().appendJobNote().append(exact, "a".repeat(2000 - STAMP));
        WriteOutcome<String> refused = s.core().appendJobNote().append(over, "a".repeat(2001 - STAMP));

        assertThat(accepted).isInstanceOf(WriteOutcome.Done.class);
        assertThat(((WriteOutcome.Done<String>) accepted).value()).hasSize(2000).startsWith("[2026-03-02T08:00:00Z] a");
        assertThat(s.gateway().job(exact).orElseThrow().notes()).hasSize(2000);
        assertThat(refused).isInstanceOf(WriteOutcome.Invalid.class);
        assertThat(((WriteOutcome.Invalid<String>) refused).violations().get(0).message())
                .contains("2001 characters", "at most 2000", "by 1 characters");
        assertThat(s.gateway().calls(GatewayOperation.UPDATE_JOB)).isEqualTo(updates + 1);
    }

    @Test
    void twoAppendsAreBothKept() {
        JobId id = job(JobState.PENDING, "Call ahead").id();
        s.sync();

        s.core().appendJobNote().append(id, "Customer asked for mornings");
        s.advance(java.time.Duration.ofMinutes(3));
        WriteOutcome<String> second = s.core().appendJobNote().append(id, "Gate code 4711");

        String expected = "Call ahead\n[2026-03-02T08:00:00Z] Customer asked for mornings\n"
                + "[2026-03-02T08:03:00Z] Gate code 4711";
        assertThat(second).isEqualTo(new WriteOutcome.Done<>(expected));
        assertThat(s.gateway().job(id).orElseThrow().notes()).isEqualTo(expected);
        assertThat(s.mirror(id).notes()).isEqualTo(expected);
    }

    @Test
    void appendingToAJobThatIsNotMirroredAsksForASyncFirst() {
        JobId id = job(JobState.PENDING, "Precious history").id();

        WriteOutcome<String> outcome = s.core().appendJobNote().append(id, "new line");

        assertThat(outcome).isInstanceOf(WriteOutcome.Invalid.class);
        assertThat(((WriteOutcome.Invalid<String>) outcome).violations())
                .extracting(Violation::message)
                .singleElement()
                .asString()
                .contains("not in the local mirror", "run a sync pass first");
        assertThat(s.gateway().job(id).orElseThrow().notes()).isEqualTo("Precious history");
    }

    @Test
    void updatingAScheduledJobIsRefusedWithTheHint() {
        JobId id = job(JobState.SCHEDULED, "").id();

        WriteOutcome<JobId> outcome = s.core()
                .updateJob()
                .update(id, JobPatchInput.builder().title("New title").build());

        assertThat(outcome).isInstanceOf(WriteOutcome.Refused.class);
        var refused = (WriteOutcome.Refused<JobId>) outcome;
        assertThat(refused.problem().code()).isEqualTo(ProblemCode.EDITING_LOCKED);
        assertThat(refused.hint()).contains("Ask the scheduling team");
    }

    @Test
    void anInvalidPatchIsRefusedBeforeAnyCall() {
        WriteOutcome<JobId> outcome = s.core()
                .updateJob()
                .update(
                        JobId.of("1"),
                        JobPatchInput.builder().title("").site("3065756").build());

        assertThat(outcome).isInstanceOf(WriteOutcome.Invalid.class);
        assertThat(((WriteOutcome.Invalid<JobId>) outcome).violations())
                .extracting(Violation::field)
                .containsExactlyInAnyOrder("title", "site");
        assertThat(s.gateway().calls(GatewayOperation.UPDATE_JOB)).isZero();
    }

    @Test
    void anUpdateReachesTheGatewayAndTheMirror() {
        JobId id = job(JobState.PENDING, "").id();
        s.sync();

        WriteOutcome<JobId> outcome = s.core()
                .updateJob()
                .update(
                        id,
                        JobPatchInput.builder()
                                .title("Renamed")
                                .purchaseOrderNumber("PO-7")
                                .customFields(Map.of("scope_of_work", "Both units"))
                                .build());

        assertThat(outcome).isEqualTo(new WriteOutcome.Done<>(id));
        assertThat(s.gateway().job(id).orElseThrow().title()).isEqualTo("Renamed");
        assertThat(s.mirror(id).title()).isEqualTo("Renamed");
        assertThat(s.mirror(id).customFields()).containsEntry("scope_of_work", "Both units");
    }

    @Test
    void cancelSendsTheReasonAndMarksTheMirrorProvisionally() {
        JobId id = job(JobState.PENDING, "").id();
        s.sync();

        WriteOutcome<JobId> outcome = s.core().cancelJob().cancel(id, Optional.of("Customer cancelled by phone"));

        assertThat(outcome).isEqualTo(new WriteOutcome.Done<>(id));
        assertThat(s.gateway().cancelReason(id)).contains("Customer cancelled by phone");
        assertThat(s.jobs().find(Scenario.INTEGRATION, id).orElseThrow().effectiveState())
                .isEqualTo(JobState.CANCELLED);
        WriteOutcome<JobId> again = s.core().cancelJob().cancel(id, Optional.empty());
        assertThat(again)
                .isInstanceOfSatisfying(
                        WriteOutcome.Refused.class,
                        refused -> assertThat(refused.problem().code()).isEqualTo(ProblemCode.CANCELLATION_LOCKED));
    }

    @Test
    void cancelNotConfiguredAndUnknownOutcomesAreTyped() {
        JobId id = job(JobState.PENDING, "").id();
        s.gateway().failNextWithProblem(GatewayOperation.CANCEL_JOB, 1, ProblemCode.CANCEL_NOT_CONFIGURED);
        s.gateway()
                .failNext(
                        GatewayOperation.CANCEL_JOB,
                        1,
                        () -> new OutcomeUnknownException(
                                GatewayOperation.CANCEL_JOB.label(),
                                "timed out",
                                Optional.of("fs-1"),
                                Optional.empty(),
                                null));

        WriteOutcome<JobId> notConfigured = s.core().cancelJob().cancel(id, Optional.empty());
        WriteOutcome<JobId> unknown = s.core().cancelJob().cancel(id, Optional.empty());

        assertThat(notConfigured)
                .isInstanceOfSatisfying(
                        WriteOutcome.Refused.class,
                        refused -> assertThat(refused.hint()).contains("Cancellation is not enabled"));
        assertThat(unknown)
                .isInstanceOfSatisfying(
                        WriteOutcome.OutcomeUnknown.class,
                        u -> assertThat(u.hint()).contains("do not repeat it by hand"));
    }

    @Test
    void aSiteCreatedByCustomerNameJoinsTheCatalogAtOnce() {
        s.loadCatalog();
        long siteLookups = s.gateway().calls(GatewayOperation.lookup(LookupKind.SITES));

        WriteOutcome<SiteId> outcome = s.core()
                .createSite()
                .create(SiteInput.builder()
                        .customer("Acme Facilities")
                        .businessName("Acme North Depot")
                        .address("1 North Rd, Beenleigh QLD 4207")
                        .build());

        assertThat(outcome).isInstanceOf(WriteOutcome.Done.class);
        SiteId site = ((WriteOutcome.Done<SiteId>) outcome).value();
        SubmitResult submitted = s.core()
                .submitJob()
                .submit(JobDraftInput.builder()
                        .site("Acme North Depot")
                        .jobType("Service")
                        .title("First visit")
                        .startTime("2026-07-01T09:00:00+10:00")
                        .endTime("2026-07-01T10:00:00+10:00")
                        .build());
        assertThat(submitted)
                .isInstanceOfSatisfying(
                        SubmitResult.Accepted.class,
                        accepted ->
                                assertThat(accepted.submission().draft().site()).isEqualTo(site));
        assertThat(s.gateway().calls(GatewayOperation.lookup(LookupKind.SITES))).isEqualTo(siteLookups);
        assertThat(s.catalogs()
                        .load(Scenario.INTEGRATION)
                        .orElseThrow()
                        .lookup(LookupKind.SITES)
                        .byId(site))
                .isPresent();
    }

    @Test
    void aNearMissCustomerNameIsRefusedWithASuggestion() {
        WriteOutcome<SiteId> outcome = s.core()
                .createSite()
                .create(SiteInput.builder()
                        .customer("Acme Facilites")
                        .email("not-an-email-but-free-form")
                        .build());

        assertThat(outcome)
                .isInstanceOfSatisfying(
                        WriteOutcome.Invalid.class,
                        invalid -> assertThat(invalid.violations())
                                .extracting(v -> ((Violation) v).message())
                                .singleElement()
                                .asString()
                                .contains("did you mean 'Acme Facilities' (245715)"));
        assertThat(s.gateway().calls(GatewayOperation.CREATE_SITE)).isZero();
    }
}
