package dev.fieldsync.domain.lookup;

/** The six lookups of GATEWAY-API.md §5, with their paths and the member they feed. */
public enum LookupKind {
    CUSTOMERS("/v1/customers", "customer"),
    SITES("/v1/sites", "site"),
    PROJECTS("/v1/projects", "project"),
    JOB_TYPES("/v1/job-types", "job_type"),
    JOB_STATUSES("/v1/job-statuses", "status"),
    CUSTOM_FIELDS("/v1/custom-fields", "custom_fields");

    /** Every lookup is capped at this many items per call, without paging. */
    public static final int CAP = 100;

    private final String path;
    private final String field;

    LookupKind(String path, String field) {
        this.path = path;
        this.field = field;
    }

    public String path() {
        return path;
    }

    /** The request or filter member that takes this lookup's ids. */
    public String field() {
        return field;
    }
}
