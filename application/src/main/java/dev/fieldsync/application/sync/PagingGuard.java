package dev.fieldsync.application.sync;

import dev.fieldsync.domain.job.Job;
import dev.fieldsync.ports.out.gateway.GatewayOperation;
import dev.fieldsync.ports.out.gateway.GatewayResponseException;
import dev.fieldsync.ports.out.gateway.JobPage;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Stops a pass whose pages loop (GATEWAY-API.md §9: a gateway that ignores a cursor parameter of another name
 * serves the first page again, forever): when the gateway hands back the cursor it was sent, serves a page this
 * run has already seen (the same jobs in the same order), or more jobs than the mirror held plus the new ones
 * this run found can explain (every job of a closed window comes once; two pages of slack for jobs that moved).
 * It keeps one hash per page, not the jobs, so a pass over a million jobs costs kilobytes. A restarted pass gets
 * a new guard (its first pages come again, rightly).
 */
final class PagingGuard {
    static final String SETTING = "fieldsync.gateway.cursor-parameter";

    private final long mirrorSizeAtStart;
    private final int pageSize;
    private final Set<Long> pagesSeen = new HashSet<>();
    private long jobsSeen;
    private long newJobs;

    PagingGuard(long mirrorSizeAtStart, int pageSize) {
        this.mirrorSizeAtStart = mirrorSizeAtStart;
        this.pageSize = pageSize;
    }

    /** Checks a page before it is applied; {@code sent} is the cursor its request carried. */
    void check(Optional<String> sent, JobPage page, int pagesDone) {
        if (sent.isPresent() && page.nextCursor().equals(sent)) {
            throw loop("the gateway handed back the cursor it was sent after page " + pagesDone);
        }
        if (!page.jobs().isEmpty() && !pagesSeen.add(pageHash(page.jobs()))) {
            throw loop("page " + (pagesDone + 1) + " holds the same jobs as an earlier page of this pass");
        }
        jobsSeen += page.jobs().size();
        long explained = mirrorSizeAtStart + newJobs + 2L * pageSize;
        if (jobsSeen > explained) {
            throw loop("this pass has listed " + jobsSeen + " jobs, more than the " + mirrorSizeAtStart
                    + " mirrored and " + newJobs + " new ones can explain");
        }
    }

    /** Counts the jobs a page brought that the mirror did not have. */
    void applied(long newOnPage) {
        newJobs += newOnPage;
    }

    private static GatewayResponseException loop(String what) {
        return new GatewayResponseException(
                GatewayOperation.LIST_JOBS.label(),
                GatewayResponseException.Kind.PAGING_LOOP,
                200,
                what + ": the pages loop, so the pass stopped instead of spending the budget on them. The gateway "
                        + "probably ignores the cursor request parameter: check " + SETTING
                        + " against the name the gateway uses (GATEWAY-API.md §9)",
                "",
                Optional.empty(),
                Optional.empty(),
                null);
    }

    /** FNV-1a, 64 bits, over the ids in page order: 10,000 pages of one pass collide with odds of about 1e-11. */
    private static long pageHash(List<Job> jobs) {
        long hash = 0xcbf29ce484222325L;
        for (Job job : jobs) {
            String id = job.id().value();
            for (int i = 0; i < id.length(); i++) {
                hash = (hash ^ id.charAt(i)) * 0x100000001b3L;
            }
            hash = (hash ^ ',') * 0x100000001b3L;
        }
        return hash;
    }
}
