package dev.fieldsync.application.sync;

import dev.fieldsync.ports.out.store.PageApplied;

/** What this run of a pass or sweep has done (a resumed one counts from where it resumed). */
final class PassCounts {
    int pages;
    long jobs;
    long newJobs;
    long changedJobs;

    void add(int jobsOnPage, PageApplied applied) {
        pages++;
        jobs += jobsOnPage;
        newJobs += applied.newCount();
        changedJobs += applied.changedCount();
    }
}
