package dev.fieldsync.adapters.persistence.budget;

import io.github.bucket4j.Bucket;

/** A budget held in this process only (one instance, or tests): an in-memory Bucket4j bucket. */
public final class LocalRateBudget extends BucketRateBudget {
    private final Bucket bucket;

    public LocalRateBudget(BudgetSettings settings, BudgetTime time) {
        super(settings, time);
        this.bucket = Bucket.builder()
                .addLimit(configuration(settings).getBandwidths()[0])
                .withCustomTimePrecision(time.asTimeMeter())
                .build();
    }

    /** Defaults on the system clock. */
    public LocalRateBudget(BudgetSettings settings) {
        this(settings, BudgetTime.system());
    }

    @Override
    protected Bucket bucket() {
        return bucket;
    }
}
