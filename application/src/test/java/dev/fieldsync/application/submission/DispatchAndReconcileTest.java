package dev.fieldsync.application.submission;

import static dev.fieldsync.application.submission.SubmitJobTest.draft;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldsync.application.Scenario;
import dev.fieldsync.domain.id.SiteId;
import dev.fieldsync.domain.job.Job;
import dev.fieldsync.domain.lookup.LookupCatalog;
import dev.fieldsync.domain.lookup.LookupKind;
import dev.fieldsync.domain.lookup.NamedItem;
import dev.fieldsync.domain.problem.ProblemCode;
import dev.fieldsync.domain.submission.Submission;
import dev.fieldsync.domain.submission.SubmissionId;
import dev.fieldsync.domain.submission.SubmissionState;
import dev.fieldsync.ports.in.write.DispatchSubmissions.DispatchReport;
import dev.fieldsync.ports.in.write.SubmitResult;
import dev.fieldsync.ports.out.gateway.GatewayOperation;
import dev.fieldsync.ports.out.gateway.GatewayUnavailableException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DispatchAndReconcileTest {
    private final Scenario s = new Scenario(200);

    private SubmissionId submit(String title) {
        SubmitResult result = s.core().submitJob().submit(draft("3065756", "Service", title, null, Map.of()));
        return ((SubmitResult.Accepted) result).submission().id();
    }

    private Submission stored(SubmissionId id) {
        return s.submissions().find(id).orElseThrow();
    }

    private DispatchReport dispatch() {
        return s.core().dispatchSubmissions().dispatchDue(10);
    }

    private List<Job> gatewayJobsTitled(String title) {
        return s.gateway().jobs().stream()
                .filter(job -> job.title().equals(title))
                .toList();
    }

    @Test
    void aDueSubmissionIsCreated() {
        SubmissionId id = submit("Replace filters at depot");

        assertThat(dispatch()).isEqualTo(new DispatchReport(1, 0, 0, 0));

        Submission created = stored(id);
        assertThat(created.state()).isEqualTo(SubmissionState.CREATED);
        assertThat(created.jobId())
                .contains(gatewayJobsTitled("Replace filters at depot").get(0).id());
        assertThat(s.gateway().job(created.jobId().get()).orElseThrow().externalId())
                .contains(created.externalId());
        assertThat(dispatch().total()).isZero();
    }

    @Test
    void anOutcomeUnknownCreateThatHappenedIsReconciledWithoutASecondCreate() {
        s.sync();
        s.gateway().createsButReportsUnknown(1);
        SubmissionId id = submit("Pump check after storm");

        assertThat(dispatch()).isEqualTo(new DispatchReport(0, 1, 0, 0));
        assertThat(stored(id).state()).isEqualTo(SubmissionState.OUTCOME_UNKNOWN);

        s.advance(Duration.ofMinutes(1));
        s.sync(); // the external id is not listed: matched on site + title + preferred window

        Submission reconciled = stored(id);
        assertThat(reconciled.state()).isEqualTo(SubmissionState.CREATED);
        assertThat(reconciled.jobId())
                .contains(gatewayJobsTitled("Pump check after storm").get(0).id());
        assertThat(dispatch().total()).isZero();
        s.advance(Duration.ofMinutes(10));
        s.sync();
        assertThat(s.gateway().calls(GatewayOperation.CREATE_JOB)).isEqualTo(1);
        assertThat(gatewayJobsTitled("Pump check after storm")).hasSize(1);
    }

    @Test
    void reconciliationMatchesOnTheExternalIdWhenTheGatewayListsIt() {
        s.sync();
        s.gateway().exposeExternalIds(true);
        s.gateway().createsButReportsUnknown(1);
        SubmissionId id = submit("Annual service"); // a title many seeded jobs share
        dispatch();
        s.advance(Duration.ofMinutes(1));

        s.sync();

        Job created = s.gateway().jobs().stream()
                .filter(job -> job.externalId().equals(Optional.of(stored(id).externalId())))
                .findFirst()
                .orElseThrow();
        assertThat(stored(id).jobId()).contains(created.id());
        assertThat(s.gateway().calls(GatewayOperation.CREATE_JOB)).isEqualTo(1);
    }

    @Test
    void anOutcomeUnknownCreateThatDidNotHappenIsSentAgainExactlyOnce() {
        s.sync();
        // Time passes between the first sync and the create: jobs seen before the attempt cannot be its job.
        s.advance(Duration.ofSeconds(1));
        s.gateway().failsCreateWithUnknown(1);
        SubmissionId id = submit("Leak investigation level 2");
        dispatch();

        s.advance(Duration.ofMinutes(1));
        s.sync();
        // This pass ended only a minute after the attempt: inside the margin, so it proves nothing yet.
        assertThat(stored(id).state()).isEqualTo(SubmissionState.OUTCOME_UNKNOWN);

        s.advance(Duration.ofMinutes(2));
        s.sync();
        s.advance(Duration.ofMinutes(1));
        s.sync(); // a second covering pass agrees: nothing was created
        Submission resent = stored(id);
        assertThat(resent.state()).isEqualTo(SubmissionState.PENDING);
        assertThat(resent.resent()).isTrue();

        assertThat(dispatch()).isEqualTo(new DispatchReport(1, 0, 0, 0));
        assertThat(stored(id).state()).isEqualTo(SubmissionState.CREATED);
        s.advance(Duration.ofMinutes(5));
        s.sync();
        assertThat(s.gateway().calls(GatewayOperation.CREATE_JOB)).isEqualTo(2);
        assertThat(gatewayJobsTitled("Leak investigation level 2")).hasSize(1);
    }

    @Test
    void aResentCreateThatStillCannotBeFoundFailsWithoutAThirdSend() {
        s.sync();
        s.advance(Duration.ofSeconds(1));
        s.gateway().failsCreateWithUnknown(2);
        SubmissionId id = submit("Roof inspection");
        dispatch();
        s.advance(Duration.ofMinutes(3));
        s.sync();
        s.advance(Duration.ofMinutes(1));
        s.sync(); // a second covering pass agrees
        dispatch(); // the one re-send: unknown again, and again nothing was created
        assertThat(stored(id).state()).isEqualTo(SubmissionState.OUTCOME_UNKNOWN);

        s.advance(Duration.ofMinutes(3));
        s.sync();
        s.advance(Duration.ofMinutes(1));
        s.sync();
        dispatch();

        Submission failed = stored(id);
        assertThat(failed.state()).isEqualTo(SubmissionState.FAILED);
        assertThat(failed.lastError())
                .hasValueSatisfying(error -> assertThat(error)
                        .contains("could not be confirmed", "check FieldInsight", failed.externalId()));
        assertThat(s.gateway().calls(GatewayOperation.CREATE_JOB)).isEqualTo(2);
    }

    @Test
    void aStaleSiteIdTriggersExactlyOneCatalogRefreshEvenWhenItFailsRepeatedly() {
        // The cached catalog still lists a site the gateway no longer has.
        s.loadCatalog();
        LookupCatalog cached = s.catalogs().load(Scenario.INTEGRATION).orElseThrow();
        s.catalogs()
                .save(
                        Scenario.INTEGRATION,
                        cached.with(LookupKind.SITES, new NamedItem<>(SiteId.of("999"), "Old depot")));
        var core = s.newCore();
        for (int i = 0; i < 3; i++) {
            assertThat(core.submitJob().submit(draft("Old depot", "Service", "Job " + i, null, Map.of())))
                    .isInstanceOf(SubmitResult.Accepted.class);
        }
        long sitesBefore = s.gateway().calls(GatewayOperation.lookup(LookupKind.SITES));

        DispatchReport report = core.dispatchSubmissions().dispatchDue(10);
        s.advance(Duration.ofMinutes(1));
        assertThat(core.submitJob().submit(draft("999", "Service", "Job 4", null, Map.of())))
                .isInstanceOf(SubmitResult.Rejected.class);

        assertThat(report).isEqualTo(new DispatchReport(0, 0, 3, 0));
        assertThat(s.gateway().calls(GatewayOperation.lookup(LookupKind.SITES))).isEqualTo(sitesBefore + 1);
        assertThat(s.submissions().all(Scenario.INTEGRATION))
                .allSatisfy(failed -> assertThat(failed.lastError())
                        .hasValueSatisfying(error -> assertThat(error).contains("invalid-body")));
        assertThat(s.submissions().all(Scenario.INTEGRATION))
                .anySatisfy(failed -> assertThat(failed.lastError())
                        .hasValueSatisfying(error -> assertThat(error)
                                .contains("After refreshing the lookups", "site id 999 is not in the cached")));
    }

    @Test
    void aRateLimitedCreateGoesBackToTheQueueWithBackoff() {
        s.gateway().failNextWithProblem(GatewayOperation.CREATE_JOB, 1, ProblemCode.RATE_LIMITED);
        SubmissionId id = submit("Retry me");

        assertThat(dispatch()).isEqualTo(new DispatchReport(0, 0, 0, 1));
        Submission waiting = stored(id);
        assertThat(waiting.state()).isEqualTo(SubmissionState.PENDING);
        assertThat(waiting.dueAt()).isAfter(s.clock().instant());
        assertThat(dispatch().total()).isZero(); // not due yet

        s.clock().advanceTo(waiting.dueAt());
        assertThat(dispatch()).isEqualTo(new DispatchReport(1, 0, 0, 0));
        assertThat(s.gateway().calls(GatewayOperation.CREATE_JOB)).isEqualTo(2);
    }

    @Test
    void anUnreachableGatewayIsRetriedUntilTheAttemptsRunOut() {
        s.gateway()
                .failNext(
                        GatewayOperation.CREATE_JOB,
                        8,
                        () -> new GatewayUnavailableException(
                                GatewayOperation.CREATE_JOB.label(),
                                "connection refused",
                                Optional.empty(),
                                Optional.empty(),
                                null));
        SubmissionId id = submit("Never reaches");
        for (int attempt = 0; attempt < 8; attempt++) {
            s.clock().advanceTo(stored(id).dueAt());
            dispatch();
        }

        assertThat(stored(id).state()).isEqualTo(SubmissionState.FAILED);
        assertThat(stored(id).lastError())
                .hasValueSatisfying(error -> assertThat(error).contains("gave up after 8"));
    }

    @Test
    void writesDisabledFailsWithTheGatewaysHint() {
        s.gateway().failNextWithProblem(GatewayOperation.CREATE_JOB, 1, ProblemCode.WRITES_DISABLED);
        SubmissionId id = submit("Blocked");

        assertThat(dispatch()).isEqualTo(new DispatchReport(0, 0, 1, 0));
        assertThat(stored(id).lastError())
                .hasValueSatisfying(error ->
                        assertThat(error).contains("writes-disabled", "Ask the gateway operator to enable them"));
    }

    @Test
    void aClaimOlderThanTheLeaseBecomesOutcomeUnknownAndIsNotResentBlindly() {
        SubmissionId id = submit("Sender died");
        // Another instance claimed it and died before settling it.
        s.submissions().claimDue(Scenario.INTEGRATION, s.clock().instant(), 10);
        s.advance(Duration.ofMinutes(1));
        assertThat(dispatch().total()).isZero(); // still within the lease

        s.advance(Duration.ofMinutes(2));
        assertThat(dispatch()).isEqualTo(new DispatchReport(0, 1, 0, 0));

        assertThat(stored(id).state()).isEqualTo(SubmissionState.OUTCOME_UNKNOWN);
        assertThat(s.gateway().calls(GatewayOperation.CREATE_JOB)).isZero();
    }
}
