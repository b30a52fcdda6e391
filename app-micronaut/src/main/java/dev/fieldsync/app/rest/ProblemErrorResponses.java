package dev.fieldsync.app.rest;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Locale;

/**
 * Makes the framework's own errors (unknown route, wrong method, unsupported media type, unconvertible
 * argument, unexpected failure) problem documents too, so every error of the API has one shape.
 */
@Singleton
@Replaces(ErrorResponseProcessor.class)
public class ProblemErrorResponses implements ErrorResponseProcessor<Problem> {

    @Override
    @SuppressWarnings("unchecked")
    public MutableHttpResponse<Problem> processResponse(ErrorContext context, MutableHttpResponse<?> base) {
        int status = base.code();
        String reason = base.reason();
        String code = switch (status) {
            case 400 -> "bad-request";
            case 401 -> "unauthorized";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 415 -> "unsupported-media-type";
            default -> status >= 500 ? "internal" : reason.toLowerCase(Locale.ROOT).replace(' ', '-');
        };
        // Never echo an unexpected exception's message: it could carry internals.
        String detail = status >= 500 ? "An unexpected error occurred; the service log has the details."
                : context.getErrors().stream().map(Error::getMessage).findFirst().orElse(null);
        Problem problem = Problem.of(status, code, reason, detail).withInstance(context.getRequest().getPath());
        if (status == 400 && !context.getErrors().isEmpty()) {
            List<Problem.FieldError> errors = context.getErrors().stream()
                    .map(error -> new Problem.FieldError(error.getPath().orElse("request"), "invalid", error.getMessage()))
                    .toList();
            problem = problem.withErrors(errors);
        }
        return ((MutableHttpResponse<Problem>) base).contentType(Problem.MEDIA_TYPE).body(problem);
    }
}
