package dev.fieldsync.domain.integration;

/** An integration's request budget: tokens a minute, the burst, and the reserve background work leaves. */
public record IntegrationBudget(int ratePerMinute, int burst, int backgroundReserve) {
    public IntegrationBudget {
        if (ratePerMinute < 1) {
            throw new IllegalArgumentException("the budget's rate is at least 1 request a minute");
        }
        if (burst < 1) {
            throw new IllegalArgumentException("the budget's burst is at least 1");
        }
        if (backgroundReserve < 0 || backgroundReserve >= burst) {
            throw new IllegalArgumentException("the background reserve is at least 0 and below the burst");
        }
    }
}
