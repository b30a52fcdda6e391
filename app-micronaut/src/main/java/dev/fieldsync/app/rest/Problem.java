package dev.fieldsync.app.rest;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * An RFC 7807 problem document ({@code application/problem+json}), with fieldsync's extensions: a stable
 * {@code code}, every field error at once, what to do, and the gateway's request id when it was involved.
 */
@Serdeable(naming = SnakeCaseStrategy.class)
@Schema(name = "Problem", description = "RFC 7807 problem document")
public record Problem(
        String type,
        String title,
        int status,
        @Nullable String detail,
        @Nullable String instance,
        String code,
        @Nullable List<FieldError> errors,
        @Nullable String hint,
        @Nullable String gatewayRequestId) {

    public static final String MEDIA_TYPE = "application/problem+json";
    static final String TYPE_PREFIX = "urn:fieldsync:problem:";

    /** One broken rule of one field. */
    @Serdeable
    public record FieldError(String field, String rule, String message) {}

    public static Problem of(int status, String code, String title, String detail) {
        return new Problem(TYPE_PREFIX + code, title, status, detail, null, code, null, null, null);
    }

    public Problem withInstance(String path) {
        return new Problem(type, title, status, detail, path, code, errors, hint, gatewayRequestId);
    }

    public Problem withErrors(List<FieldError> fieldErrors) {
        return new Problem(
                type, title, status, detail, instance, code, List.copyOf(fieldErrors), hint, gatewayRequestId);
    }

    public Problem withHint(String text) {
        return new Problem(type, title, status, detail, instance, code, errors, text, gatewayRequestId);
    }

    public Problem withGatewayRequestId(String id) {
        return new Problem(type, title, status, detail, instance, code, errors, hint, id);
    }
}
