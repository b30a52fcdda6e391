package dev.fieldsync.adapters.vertx.gateway;

import io.vertx.core.http.HttpMethod;

/** The 12 gateway operations: method, route template, and whether repeating one is safe. */
public enum Operation {
    CUSTOMERS(HttpMethod.GET, "/v1/customers", Repeatability.SAFE_TO_REPEAT),
    SITES(HttpMethod.GET, "/v1/sites", Repeatability.SAFE_TO_REPEAT),
    PROJECTS(HttpMethod.GET, "/v1/projects", Repeatability.SAFE_TO_REPEAT),
    JOB_TYPES(HttpMethod.GET, "/v1/job-types", Repeatability.SAFE_TO_REPEAT),
    JOB_STATUSES(HttpMethod.GET, "/v1/job-statuses", Repeatability.SAFE_TO_REPEAT),
    CUSTOM_FIELDS(HttpMethod.GET, "/v1/custom-fields", Repeatability.SAFE_TO_REPEAT),
    LIST_JOBS(HttpMethod.GET, "/v1/jobs", Repeatability.SAFE_TO_REPEAT),
    CREATE_JOB(HttpMethod.POST, "/v1/jobs", Repeatability.RUNS_AT_MOST_ONCE),
    UPDATE_JOB(HttpMethod.PATCH, "/v1/jobs/{id}", Repeatability.SAFE_TO_REPEAT),
    CANCEL_JOB(HttpMethod.POST, "/v1/jobs/{id}/cancel", Repeatability.RUNS_AT_MOST_ONCE),
    CREATE_SITE(HttpMethod.POST, "/v1/sites", Repeatability.RUNS_AT_MOST_ONCE),
    UPDATE_SITE(HttpMethod.PATCH, "/v1/sites/{id}", Repeatability.SAFE_TO_REPEAT);

    /** Whether a request that may have run can be sent again. */
    public enum Repeatability {
        /** GET and PATCH: sending it twice has the effect of sending it once. */
        SAFE_TO_REPEAT,
        /** POST create and cancel: re-sent only when it provably did not run. */
        RUNS_AT_MOST_ONCE
    }

    private final HttpMethod method;
    private final String template;
    private final Repeatability repeatability;

    Operation(HttpMethod method, String template, Repeatability repeatability) {
        this.method = method;
        this.template = template;
        this.repeatability = repeatability;
    }

    public HttpMethod method() {
        return method;
    }

    /** The route template, e.g. {@code /v1/jobs/{id}}: the span name and log key, never a concrete id. */
    public String template() {
        return template;
    }

    public Repeatability repeatability() {
        return repeatability;
    }

    /** A write spends budget at interactive priority whatever the caller is doing. */
    public boolean isWrite() {
        return method != HttpMethod.GET;
    }

    /** {@code GET /v1/jobs/{id}}: what errors, spans and log lines call the operation. */
    public String label() {
        return method.name() + " " + template;
    }

    /** The concrete path with {@code {id}} filled in (ids are digit strings, so nothing needs escaping). */
    public String path(String id) {
        return template.replace("{id}", id);
    }
}
