package dev.fieldsync.sandbox.data;

/**
 * One job as the sandbox holds it. Deliberately compact (no maps, pooled strings) so that a million
 * of them fit in a few hundred MB. Mutable, guarded by the {@link Store} lock; {@code updatedAtMillis}
 * must only change through the store (it is the key of the paging index).
 */
public final class Job {
    public final long id;
    public final int number;
    public final Site site;
    public final Catalog.JobType jobType;
    public final Catalog.Project project;
    public String title;
    public String notes;
    public String purchaseOrderNumber;
    public String externalId;
    public String cancelReason;
    public long startEpochSecond;
    public int startOffsetSeconds;
    public long endEpochSecond;
    public int endOffsetSeconds;
    public Catalog.Status status;
    long updatedAtMillis;
    /** Out of the keys' scope (its site moved to another customer): no listing or get shows it. */
    boolean outOfScope;
    /** Values aligned with the store's custom field definitions; null when the job has none. */
    public String[] customFields;

    public Job(long id, int number, Site site, Catalog.JobType jobType, Catalog.Project project) {
        this.id = id;
        this.number = number;
        this.site = site;
        this.jobType = jobType;
        this.project = project;
    }

    public long updatedAtMillis() {
        return updatedAtMillis;
    }

    public boolean outOfScope() {
        return outOfScope;
    }
}
