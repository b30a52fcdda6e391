package dev.fieldsync.application.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldsync.adapters.memory.ScriptedGateway.AuthMode;
import dev.fieldsync.application.Scenario;
import dev.fieldsync.domain.id.CustomerId;
import dev.fieldsync.domain.id.SiteId;
import dev.fieldsync.domain.job.Job;
import dev.fieldsync.domain.job.JobState;
import dev.fieldsync.domain.lookup.LookupKind;
import dev.fieldsync.ports.in.verify.VerificationReport;
import dev.fieldsync.ports.in.verify.VerificationStep;
import dev.fieldsync.ports.in.verify.VerificationStep.Outcome;
import dev.fieldsync.ports.in.verify.VerifyOptions;
import dev.fieldsync.ports.out.budget.Priority;
import dev.fieldsync.ports.out.gateway.Gateway;
import dev.fieldsync.ports.out.gateway.GatewayCall;
import dev.fieldsync.ports.out.gateway.GatewayOperation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VerifySetupTest {

    private static VerificationReport verify(Scenario s, VerifyOptions options, List<VerificationStep> heard) {
        return s.core().verifySetup().verify(options, heard::add);
    }

    @Test
    void aGoodKeyPassesEveryReadStepAndSpendsWhatWasPlanned() {
        Scenario s = new Scenario(20);
        List<VerificationStep> heard = new ArrayList<>();
        assertThat(s.core().verifySetup().plannedRequests(VerifyOptions.readOnly()))
                .isEqualTo(9);

        VerificationReport report = verify(s, VerifyOptions.readOnly(), heard);

        assertThat(report.passed()).isTrue();
        assertThat(report.plannedRequests()).isEqualTo(9);
        assertThat(report.requestsSpent()).isEqualTo(9);
        assertThat(s.gateway().totalCalls()).isEqualTo(9);
        assertThat(s.budget().grants(Priority.INTERACTIVE)).isEqualTo(9);
        assertThat(report.steps())
                .extracting(VerificationStep::outcome)
                .containsOnly(Outcome.PASSED)
                .hasSize(9);
        assertThat(report.steps().get(0).name()).isEqualTo("Key format");
        assertThat(report.steps().get(1).detail()).isEqualTo("key accepted, 3 customers");
        assertThat(report.steps().get(2).detail()).isEqualTo("10 items");
        assertThat(report.steps().get(7).name()).contains("page_size=5");
        assertThat(report.steps().get(8).name()).startsWith("Paging (GET /v1/jobs?state=all&page_size=1");
        assertThat(report.steps().get(8).detail()).contains("another job", "the cursor is followed");
        assertThat(heard).isEqualTo(report.steps());
        // The six lookups it fetched become the catalog: no second fetch.
        s.core().lookups().catalog();
        assertThat(s.gateway().calls(GatewayOperation.lookup(LookupKind.SITES))).isEqualTo(1);
    }

    @Test
    void aWrongKeyFailsAuthenticationInTheGuidesWordsAndSkipsTheRest() {
        Scenario s = new Scenario(0);
        s.gateway().authMode(AuthMode.UNAUTHORIZED);

        VerificationReport report = verify(s, VerifyOptions.readOnly(), new ArrayList<>());

        assertThat(report.passed()).isFalse();
        VerificationStep auth = report.steps().get(1);
        assertThat(auth.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(auth.detail()).isEqualTo("401 unauthorized");
        assertThat(auth.meaning())
                .hasValueSatisfying(meaning -> assertThat(meaning)
                        .contains("missing, wrong, or lacks the jobs:read scope", "cannot tell which"));
        assertThat(auth.action())
                .hasValueSatisfying(
                        action -> assertThat(action).contains("check the key", "ask the operator which scopes"));
        assertThat(report.steps().subList(2, report.steps().size()))
                .hasSize(7)
                .allSatisfy(step -> assertThat(step.outcome()).isEqualTo(Outcome.SKIPPED));
        assertThat(report.requestsSpent()).isEqualTo(1);
        assertThat(s.gateway().totalCalls()).isEqualTo(1);
    }

    @Test
    void aGatewayThatIgnoresTheCursorFailsThePagingStepWithTheSettingToFix() {
        Scenario s = new Scenario(20);
        Gateway ignoresCursors = new Gateway() {
            @Override
            @SuppressWarnings("unchecked") // a list call answers a JobPage
            public <R> R call(GatewayCall<R> call) {
                if (call instanceof GatewayCall.ListJobs list) {
                    return (R)
                            s.gateway().call(new GatewayCall.ListJobs(list.query(), Optional.empty(), list.priority()));
                }
                return s.gateway().call(call);
            }
        };
        List<VerificationStep> heard = new ArrayList<>();
        StepLog log = new StepLog(heard::add);

        new PagingCheck(ignoresCursors, log).run();

        VerificationReport report = log.report(PagingCheck.REQUESTS);
        assertThat(report.requestsSpent()).isEqualTo(2);
        assertThat(s.gateway().totalCalls()).isEqualTo(2);
        VerificationStep paging = report.steps().get(0);
        assertThat(paging.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(paging.detail()).contains("holds job", "again", "with the same next cursor");
        assertThat(paging.meaning())
                .hasValueSatisfying(meaning -> assertThat(meaning).contains("ignores the cursor"));
        assertThat(paging.action())
                .hasValueSatisfying(action -> assertThat(action).contains("set fieldsync.gateway.cursor-parameter"));
    }

    @Test
    void aKeyWithoutCustomersIsToldToFinishSetup() {
        Scenario s = new Scenario(0);
        s.gateway().authMode(AuthMode.NO_SCOPE);

        VerificationReport report = verify(s, VerifyOptions.readOnly(), new ArrayList<>());

        VerificationStep auth = report.steps().get(1);
        assertThat(auth.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(auth.detail()).isEqualTo("403 no-scope");
        assertThat(auth.meaning()).contains("the key is valid, but no customers are attached to the integration yet");
        assertThat(auth.action())
                .hasValueSatisfying(action -> assertThat(action).contains("finish setup"));
        assertThat(report.requestsSpent()).isEqualTo(1);
    }

    @Test
    void aMalformedKeyFailsWithoutAnyCall() {
        Scenario s = new Scenario(0);
        var core = s.newCore("sk_live_not_a_gateway_key");

        VerificationReport report = core.verifySetup().verify(VerifyOptions.readOnly(), step -> {});

        assertThat(report.steps().get(0).outcome()).isEqualTo(Outcome.FAILED);
        assertThat(report.steps().get(0).detail())
                .contains("does not start with 'fi_pk_'")
                .doesNotContain("sk_live_not_a_gateway_key");
        assertThat(report.requestsSpent()).isZero();
        assertThat(s.gateway().totalCalls()).isZero();
    }

    @Test
    void aLookupAtTheCapIsAWarningNotAFailure() {
        Scenario s = new Scenario(0);
        for (int i = 0; i < 90; i++) {
            s.gateway().putSite(SiteId.of(Long.toString(5_000_000L + i)), CustomerId.of("245715"), "Extra " + i);
        }

        VerificationReport report = verify(s, VerifyOptions.readOnly(), new ArrayList<>());

        VerificationStep sites = report.steps().get(2);
        assertThat(sites.outcome()).isEqualTo(Outcome.WARNING);
        assertThat(sites.detail()).contains("100 items", "may be cut off");
        assertThat(report.passed()).isTrue();
    }

    @Test
    void theWriteTestCreatesAnIntegrationCheckJobAndCancelsIt() {
        Scenario s = new Scenario(0);
        VerifyOptions options =
                new VerifyOptions(true, Optional.of("88 Queen St, Brisbane QLD 4000"), Optional.of("Service"));
        assertThat(s.core().verifySetup().plannedRequests(options)).isEqualTo(11);

        VerificationReport report = verify(s, options, new ArrayList<>());

        assertThat(report.passed()).isTrue();
        // No job to page through: the paging check warns after one read and spends one request less than planned.
        assertThat(report.steps().get(8).outcome()).isEqualTo(Outcome.WARNING);
        assertThat(report.steps().get(8).detail()).contains("paging could not be checked");
        assertThat(report.requestsSpent()).isEqualTo(10);
        assertThat(report.steps()).hasSize(11);
        Job test = s.gateway().jobs().stream()
                .filter(job -> job.title().equals("Integration check"))
                .findFirst()
                .orElseThrow();
        assertThat(test.state()).isEqualTo(JobState.CANCELLED);
        assertThat(test.site().id()).isEqualTo(SiteId.of("3065759"));
        assertThat(test.startTime().orElseThrow().toString()).isEqualTo("2026-03-03T09:00Z");
        assertThat(report.steps().get(10).detail()).contains("job " + test.id() + " cancelled");
    }

    @Test
    void writesDisabledIsReportedWithTheOperatorsHintAndNothingToCancel() {
        Scenario s = new Scenario(0);
        s.gateway()
                .failNextWithProblem(
                        GatewayOperation.CREATE_JOB, 1, dev.fieldsync.domain.problem.ProblemCode.WRITES_DISABLED);

        VerificationReport report =
                verify(s, new VerifyOptions(true, Optional.of("3065756"), Optional.of("501")), new ArrayList<>());

        assertThat(report.steps().get(9).outcome()).isEqualTo(Outcome.FAILED);
        assertThat(report.steps().get(9).action())
                .hasValueSatisfying(action -> assertThat(action).contains("Ask the gateway operator to enable them"));
        assertThat(report.steps().get(10).outcome()).isEqualTo(Outcome.SKIPPED);
        assertThat(report.requestsSpent()).isEqualTo(9);
    }
}
