package dev.fieldsync.app.console;

import dev.fieldsync.ports.in.changes.ReadChanges;
import dev.fieldsync.ports.in.query.QueryJobs;
import dev.fieldsync.ports.in.write.ReviewSubmissions;
import dev.fieldsync.ports.in.write.SubmitJob;

/**
 * The integration a console page is for, with the use cases its pages read through and the base their links and
 * forms are written under: {@code /console} for the default integration, {@code /console/integrations/{id}} for
 * another one this process serves ({@code isDefault} also for the default reached by its id).
 */
record PageScope(
        String integration,
        String base,
        boolean isDefault,
        QueryJobs jobs,
        ReadChanges changes,
        ReviewSubmissions review,
        SubmitJob submissions) {

    /** The scoped twin of a page path under {@code /console}: {@code /console} + SCOPE + {@code /jobs}. */
    static final String SCOPE = "/integrations/{integration}";

    /** A link to {@code rest} (e.g. {@code /jobs/7}) under this page's integration. */
    String path(String rest) {
        return base + rest;
    }
}
