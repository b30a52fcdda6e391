package dev.fieldsync.ports.out.budget;

/** Who is waiting for budget: a person (served first) or background work (sync, lookup refresh). */
public enum Priority {
    /** Create, update and cancel jobs, create sites, verify setup: waits at most about one refill interval. */
    INTERACTIVE,
    /** Sync passes and lookup refreshes: leaves a reserve of tokens for interactive calls. */
    BACKGROUND
}
