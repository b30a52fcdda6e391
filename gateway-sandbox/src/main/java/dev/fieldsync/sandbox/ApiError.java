package dev.fieldsync.sandbox;

/** An error of the catalog (GATEWAY-API.md §3), answered as a problem document. */
final class ApiError extends RuntimeException {
    final int status;
    final String code;

    ApiError(int status, String code, String title) {
        super(title, null, false, false);
        this.status = status;
        this.code = code;
    }

    static ApiError invalidBody(String why) {
        return new ApiError(400, "invalid-body", "Invalid request body: " + why);
    }

    static ApiError invalidQuery(String why) {
        return new ApiError(400, "invalid-query", "Invalid query parameter: " + why);
    }

    static ApiError unknownCustomField(String name) {
        return new ApiError(
                400, "unknown-custom-field", "Custom field '" + name + "' is not mapped for this integration");
    }

    static ApiError projectNotInScope() {
        return new ApiError(400, "project-not-in-scope", "Project is not usable by this key");
    }

    static ApiError customerNotInScope() {
        return new ApiError(400, "customer-not-in-scope", "Customer is not usable by this key");
    }

    static ApiError fieldNotWritable(String name) {
        return new ApiError(400, "field-not-writable", "Field '" + name + "' is not writable for this integration");
    }

    static ApiError unauthorized() {
        return new ApiError(401, "unauthorized", "Unauthorized");
    }

    static ApiError noScope() {
        return new ApiError(403, "no-scope", "No customers are attached to this integration yet; finish setup with us");
    }

    static ApiError notFound() {
        return new ApiError(404, "not-found", "Not found");
    }

    static ApiError editingLocked() {
        return new ApiError(409, "editing-locked", "The job has progressed past the editable states");
    }

    static ApiError cancellationLocked() {
        return new ApiError(409, "cancellation-locked", "The job is past the point where API cancellation is allowed");
    }

    static ApiError rateLimited() {
        return new ApiError(429, "rate-limited", "Rate-limit budget for purpose 'tenant' exhausted");
    }

    static ApiError internal() {
        return new ApiError(500, "internal", "Internal gateway error");
    }

    static ApiError schemaDrift() {
        return new ApiError(502, "schema-drift", "Upstream answer had an unexpected shape");
    }

    static ApiError upstreamScopeViolation() {
        return new ApiError(502, "upstream-scope-violation", "Upstream answer withheld for safety");
    }

    static ApiError unavailable() {
        return new ApiError(503, "unavailable", "Service temporarily unavailable");
    }

    static ApiError writesDisabled() {
        return new ApiError(503, "writes-disabled", "Writes are not enabled for this integration yet");
    }

    static ApiError cancelNotConfigured() {
        return new ApiError(503, "cancel-not-configured", "Cancellation is not enabled for this integration yet");
    }
}
