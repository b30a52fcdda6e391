package dev.fieldsync.application.verify;

import dev.fieldsync.ports.in.verify.VerificationStep;
import dev.fieldsync.ports.in.verify.VerificationStep.Outcome;
import dev.fieldsync.ports.out.budget.Priority;
import dev.fieldsync.ports.out.gateway.Gateway;
import dev.fieldsync.ports.out.gateway.GatewayException;
import dev.fieldsync.ports.out.gateway.GatewayOperation;
import dev.fieldsync.ports.out.gateway.JobPage;
import dev.fieldsync.ports.out.gateway.JobQuery;
import java.util.Optional;

/**
 * Checks paging once (GATEWAY-API.md §9): two {@code page_size=1} reads of every job, the second with the first's
 * cursor, must return different jobs. A gateway that ignores the cursor parameter under the configured name serves
 * the first job again, and a sync pass would then stop at its second page.
 */
final class PagingCheck {
    static final int REQUESTS = 2;
    static final String NAME =
            "Paging (" + GatewayOperation.LIST_JOBS.label() + "?state=all&page_size=1, then with its cursor)";
    private static final String SETTING = "fieldsync.gateway.cursor-parameter";

    private final Gateway gateway;
    private final StepLog log;

    PagingCheck(Gateway gateway, StepLog log) {
        this.gateway = gateway;
        this.log = log;
    }

    void run() {
        JobQuery query = JobQuery.open().withState(JobQuery.StateFilter.ALL).withPageSize(1);
        try {
            log.spend();
            JobPage first = gateway.listJobs(query, Optional.empty(), Priority.INTERACTIVE);
            if (first.isLast() || first.jobs().isEmpty()) {
                log.add(new VerificationStep(
                        NAME,
                        Outcome.WARNING,
                        "the key sees " + first.jobs().size() + " job(s), one page: paging could not be checked",
                        Optional.of("paging is checked on the second of two one-job pages"),
                        Optional.of("run verify again once the key sees two jobs or more")));
                return;
            }
            log.spend();
            JobPage second = gateway.listJobs(query, first.nextCursor(), Priority.INTERACTIVE);
            boolean sameCursor = second.nextCursor().equals(first.nextCursor());
            boolean sameJob = !second.jobs().isEmpty()
                    && second.jobs().get(0).id().equals(first.jobs().get(0).id());
            if (sameJob || sameCursor) {
                log.add(new VerificationStep(
                        NAME,
                        Outcome.FAILED,
                        "the page after the first one's cursor holds job "
                                + first.jobs().get(0).id().value() + " again"
                                + (sameCursor ? ", with the same next cursor" : ""),
                        Optional.of("the gateway ignores the cursor request parameter under the name sent: every "
                                + "sync pass would read its first page forever (GATEWAY-API.md §9)"),
                        Optional.of("ask the gateway operator for the name of the job list's cursor parameter and "
                                + "set " + SETTING + " to it (default cursor)")));
                return;
            }
            log.passed(
                    NAME,
                    "the page after the first one's cursor holds another job than job "
                            + first.jobs().get(0).id().value() + ": the cursor is followed");
        } catch (GatewayException failure) {
            log.add(StepLog.failure(NAME, failure));
        }
    }
}
