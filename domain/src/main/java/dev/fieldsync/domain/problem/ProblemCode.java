package dev.fieldsync.domain.problem;

import java.util.Arrays;
import java.util.Optional;

/** The gateway's documented error catalog (GATEWAY-API.md §3), with what each means to a person. */
public enum ProblemCode {
    INVALID_BODY(
            "invalid-body",
            400,
            RetryClass.FINAL,
            "The gateway could not use the request body. Check the fields against the documented rules "
                    + "(a bad site or job_type id on create also lands here)."),
    INVALID_QUERY(
            "invalid-query",
            400,
            RetryClass.FINAL,
            "A query parameter failed validation (page_size 1-100, UTC ISO-8601 times, a cursor from the previous page)."),
    UNKNOWN_CUSTOM_FIELD(
            "unknown-custom-field",
            400,
            RetryClass.FINAL,
            "A custom_fields key is not mapped for this integration. Use a name from /v1/custom-fields, or ask "
                    + "the gateway operator to map the field."),
    PROJECT_NOT_IN_SCOPE(
            "project-not-in-scope",
            400,
            RetryClass.FINAL,
            "This key may not use that project. Pick a project from /v1/projects (refresh the lookups if it changed)."),
    CUSTOMER_NOT_IN_SCOPE(
            "customer-not-in-scope",
            400,
            RetryClass.FINAL,
            "This key may not use that customer. Pick a customer from /v1/customers."),
    FIELD_NOT_WRITABLE(
            "field-not-writable",
            400,
            RetryClass.FINAL,
            "A member of the body cannot be written for this integration (site, job_type and project are fixed "
                    + "after create). Leave it out."),
    UNAUTHORIZED(
            "unauthorized",
            401,
            RetryClass.FINAL,
            "The key is missing, wrong, revoked, or lacks the scope this call needs (the gateway does not say "
                    + "which). Check FIELDSYNC_API_KEY, and ask the gateway operator which scopes the key has."),
    NO_SCOPE(
            "no-scope",
            403,
            RetryClass.FINAL,
            "The key is valid, but no customers are attached to the integration yet. Ask the gateway operator "
                    + "to finish setup."),
    NOT_FOUND("not-found", 404, RetryClass.FINAL, "The job or site does not exist or is not visible to this key."),
    EDITING_LOCKED(
            "editing-locked",
            409,
            RetryClass.FINAL,
            "The job has moved past the editable (pending) state. Ask the scheduling team to change it in "
                    + "FieldInsight."),
    CANCELLATION_LOCKED(
            "cancellation-locked",
            409,
            RetryClass.FINAL,
            "The job can no longer be cancelled through the API (it is scheduled, under way, finished or "
                    + "already cancelled). Ask the scheduling team."),
    RATE_LIMITED(
            "rate-limited",
            429,
            RetryClass.RETRYABLE,
            "The shared budget of 40 requests a minute is used up. The call is retried after a short backoff; "
                    + "if this recurs, other traffic shares the key's budget."),
    INTERNAL(
            "internal",
            500,
            RetryClass.OUTCOME_UNKNOWN_FOR_WRITES,
            "The gateway failed. Reads are retried; report the gateway request id if it persists."),
    UPSTREAM_SCOPE_VIOLATION(
            "upstream-scope-violation",
            502,
            RetryClass.OUTCOME_UNKNOWN_FOR_WRITES,
            "The gateway withheld an upstream answer for safety. Retry later; report the gateway request id if "
                    + "it persists."),
    SCHEMA_DRIFT(
            "schema-drift",
            502,
            RetryClass.OUTCOME_UNKNOWN_FOR_WRITES,
            "The upstream answer had an unexpected shape. Retry; report the gateway request id if it persists."),
    WRITES_DISABLED(
            "writes-disabled",
            503,
            RetryClass.FINAL,
            "Writes are not enabled for this integration yet. Ask the gateway operator to enable them."),
    CANCEL_NOT_CONFIGURED(
            "cancel-not-configured",
            503,
            RetryClass.FINAL,
            "Cancellation is not enabled for this integration yet. Ask the gateway operator to configure it."),
    /** A code the catalog does not name; the original type, status and title are kept on the problem. */
    UNKNOWN(
            "unknown",
            0,
            RetryClass.FINAL,
            "The gateway answered with an error this kit does not know. Report the gateway request id.");

    /** Prefix of every problem {@code type}. */
    public static final String TYPE_PREFIX = "https://gateway/errors/";

    private final String code;
    private final int status;
    private final RetryClass retryClass;
    private final String hint;

    ProblemCode(String code, int status, RetryClass retryClass, String hint) {
        this.code = code;
        this.status = status;
        this.retryClass = retryClass;
        this.hint = hint;
    }

    public String code() {
        return code;
    }

    /** The documented HTTP status (0 for {@link #UNKNOWN}). */
    public int status() {
        return status;
    }

    public RetryClass retryClass() {
        return retryClass;
    }

    /** What the problem means and what to do about it, in words a person can act on. */
    public String hint() {
        return hint;
    }

    public String type() {
        return TYPE_PREFIX + code;
    }

    /** Finds a code by its short form ({@code editing-locked}) or its full {@code type} URI. */
    public static Optional<ProblemCode> find(String codeOrType) {
        if (codeOrType == null) {
            return Optional.empty();
        }
        String code = codeOrType.startsWith(TYPE_PREFIX) ? codeOrType.substring(TYPE_PREFIX.length()) : codeOrType;
        return Arrays.stream(values())
                .filter(c -> c != UNKNOWN && c.code.equals(code))
                .findFirst();
    }
}
