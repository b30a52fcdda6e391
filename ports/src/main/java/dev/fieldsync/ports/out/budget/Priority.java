package dev.fieldsync.ports.out.budget;

/**
 * Who is waiting for budget: a person (served first), background work (sync, lookup refresh) or the verification
 * sweep (served last). Each leaves a reserve of tokens ({@link #reserve}) to the ones above it.
 */
public enum Priority {
    /** Create, update and cancel jobs, create sites, verify setup: waits at most about one refill interval. */
    INTERACTIVE,
    /** Sync passes and lookup refreshes: leaves a reserve of tokens for interactive calls. */
    BACKGROUND,
    /**
     * The verification sweep: takes only what the others leave. It keeps twice the background reserve free, so
     * sync still finds its own reserve above interactive's, and interactive calls wait no longer than with sync.
     */
    SWEEP;

    /**
     * The tokens a caller of this priority must leave in the bucket: none (interactive), the background reserve
     * (background), twice it (sweep); never the whole burst.
     */
    public int reserve(int backgroundReserve, int burst) {
        return switch (this) {
            case INTERACTIVE -> 0;
            case BACKGROUND -> backgroundReserve;
            case SWEEP -> Math.max(0, Math.min(burst - 1, 2 * backgroundReserve));
        };
    }
}
