package dev.fieldsync.application.submission;

import dev.fieldsync.domain.id.JobId;
import dev.fieldsync.domain.job.Job;
import dev.fieldsync.ports.out.budget.Priority;
import dev.fieldsync.ports.out.gateway.Gateway;
import dev.fieldsync.ports.out.gateway.GatewayException;
import dev.fieldsync.ports.out.gateway.JobPage;
import dev.fieldsync.ports.out.gateway.JobQuery;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;

/**
 * Asks the gateway which jobs were updated since an instant: one bounded listing, made at most once per
 * reconciliation round and only when there are candidates to weigh. A job created by a create we attempted at T
 * was updated at or after T, so a candidate absent from "updated since T − margin" is an older job: it is not a
 * candidate. This is the same evidence a covering pass gives (its windows list everything updated since the
 * attempt), asked once more at decision time. Without it, a create that races the first pass (which lists the
 * site's whole history after the attempt) would have every older job of its site as a candidate.
 */
final class RecentlyUpdatedJobs {
    private static final System.Logger LOG = System.getLogger(RecentlyUpdatedJobs.class.getName());
    /** Beyond this many pages the listing costs more than a question to a person: skip it. */
    static final int MAX_PAGES = 20;

    private final Gateway gateway;
    private final Clock clock;
    private final Duration margin;
    private final Instant since;
    private Optional<Set<JobId>> fetched;

    RecentlyUpdatedJobs(Gateway gateway, Clock clock, Duration margin, Instant since) {
        this.gateway = gateway;
        this.clock = clock;
        this.margin = margin;
        this.since = since;
    }

    /** The ids of jobs updated since {@code since − margin}; empty when the listing failed or was too long. */
    Optional<Set<JobId>> ids() {
        if (fetched == null) {
            fetched = fetch();
        }
        return fetched;
    }

    private Optional<Set<JobId>> fetch() {
        JobQuery query = JobQuery.updatedBetween(since.minus(margin), clock.instant().plus(margin));
        Set<JobId> ids = new HashSet<>();
        try {
            Iterator<JobPage> pages = gateway.pages(query, Optional.empty(), Priority.BACKGROUND);
            for (int page = 0; pages.hasNext(); page++) {
                if (page == MAX_PAGES) {
                    LOG.log(Level.INFO, "reconciliation: more than {0} pages updated since {1}; candidates kept "
                            + "as they are", MAX_PAGES, since);
                    return Optional.empty();
                }
                pages.next().jobs().stream().map(Job::id).forEach(ids::add);
            }
        } catch (GatewayException failure) {
            LOG.log(Level.INFO, "reconciliation: listing jobs updated since {0} failed ({1}); candidates kept as "
                    + "they are", since, failure.describe());
            return Optional.empty();
        }
        return Optional.of(ids);
    }
}
