package dev.fieldsync.ports.out.budget;

import java.time.Duration;

/**
 * The request budget shared by everything that calls the gateway with one key (ARCHITECTURE.md §2). Every
 * gateway call takes one token first. Implementations are thread-safe; shared ones coordinate instances.
 */
public interface RateBudget {

    /**
     * Blocks until a token is granted at this priority and returns how long it waited. A caller never takes the
     * tokens of its priority's {@link Priority#reserve reserve}: background leaves the interactive reserve, the
     * sweep leaves twice it.
     *
     * @throws InterruptedException if the thread is interrupted while it waits
     */
    Duration acquire(Priority priority) throws InterruptedException;

    /** The gateway answered 429: other traffic shares its bucket, so every holder of this budget pauses. */
    void reportRateLimited();

    /** A snapshot for progress estimates, health and metrics; never spends a token. */
    BudgetStatus status();
}
