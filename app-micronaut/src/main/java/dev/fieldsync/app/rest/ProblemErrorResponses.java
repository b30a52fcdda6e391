package dev.fieldsync.app.rest;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.bind.exceptions.UnsatisfiedArgumentException;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.HttpServerConfiguration;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the framework's own errors (unknown route, wrong method, unsupported media type, unconvertible
 * argument, a body over the size limit, unexpected failure) problem documents too, so every error of the API
 * has one shape. They are worded here: the framework's messages name its classes and go to the log only.
 */
@Singleton
@Replaces(ErrorResponseProcessor.class)
public class ProblemErrorResponses implements ErrorResponseProcessor<Problem> {
    private static final Logger LOG = LoggerFactory.getLogger(ProblemErrorResponses.class);

    private final long maxRequestSize;

    public ProblemErrorResponses(HttpServerConfiguration server) {
        this.maxRequestSize = server.getMaxRequestSize();
    }

    @Override
    @SuppressWarnings("unchecked")
    public MutableHttpResponse<Problem> processResponse(ErrorContext context, MutableHttpResponse<?> base) {
        HttpRequest<?> request = context.getRequest();
        int status = base.code();
        context.getRootCause()
                .ifPresent(cause -> LOG.debug(
                        "{} {} answered {}: {}",
                        request.getMethodName(),
                        CallerText.forLog(request.getPath()),
                        status,
                        cause.toString()));
        Problem problem = describe(status, base, context).withInstance(request.getPath());
        return ((MutableHttpResponse<Problem>) base)
                .contentType(Problem.MEDIA_TYPE)
                .body(problem);
    }

    private Problem describe(int status, MutableHttpResponse<?> base, ErrorContext context) {
        HttpRequest<?> request = context.getRequest();
        String route = request.getMethodName() + " " + CallerText.abbreviate(request.getPath());
        String reason = base.reason();
        return switch (status) {
            case 400 -> badRequest(context);
            case 401 -> Problem.of(401, "unauthorized", reason, "This call needs credentials.");
            case 403 -> Problem.of(403, "forbidden", reason, "This call is not allowed.");
            case 404 ->
                Problem.of(404, "not-found", reason, "Nothing answers " + route + ".")
                        .withHint("The API lives under /api (see the OpenAPI document at " + ApiDocument.PATH + ").");
            case 405 ->
                Problem.of(
                        405,
                        "method-not-allowed",
                        reason,
                        request.getMethodName() + " is not allowed on " + CallerText.abbreviate(request.getPath())
                                + allowed(base) + ".");
            case 406 ->
                Problem.of(
                        406,
                        "not-acceptable",
                        reason,
                        "This call answers application/json (errors application/problem+json) only.");
            case 413 ->
                Problem.of(
                                413,
                                "body-too-large",
                                "Request body too large",
                                "The body is larger than the " + maxRequestSize + " bytes this service accepts.")
                        .withHint("A job or a site is a few kilobytes; the limit is micronaut.server.max-request-size "
                                + "(FIELDSYNC_MAX_REQUEST_SIZE).");
            case 415 ->
                Problem.of(
                        415,
                        "unsupported-media-type",
                        reason,
                        "Content-Type "
                                + request.getContentType()
                                        .map(type -> CallerText.abbreviate(type.toString()))
                                        .orElse("(none)")
                                + " is not accepted by " + route + "; send application/json.");
            default ->
                status >= 500
                        // Never echo an unexpected exception's message: it could carry internals.
                        ? Problem.of(
                                status,
                                "internal",
                                reason,
                                "An unexpected error occurred; the service log has the details.")
                        : Problem.of(status, reason.toLowerCase(Locale.ROOT).replace(' ', '-'), reason, null);
        };
    }

    private static Problem badRequest(ErrorContext context) {
        Throwable cause = context.getRootCause().orElse(null);
        Problem.FieldError error;
        if (cause instanceof ConversionErrorException conversion) {
            Argument<?> argument = conversion.getArgument();
            String value = conversion
                    .getConversionError()
                    .getOriginalValue()
                    .map(String::valueOf)
                    .orElse("");
            error = new Problem.FieldError(
                    argument.getName(),
                    "invalid",
                    "'" + CallerText.abbreviate(value) + "' is not a valid " + argument.getName() + choices(argument));
        } else if (cause instanceof UnsatisfiedArgumentException unsatisfied) {
            String name = unsatisfied.getArgument().getName();
            error = new Problem.FieldError(name, "required", name + " is required");
        } else {
            error = new Problem.FieldError("request", "invalid", "the request could not be read");
        }
        return Problem.of(400, "bad-request", "Bad Request", "The request could not be read; see errors.")
                .withErrors(List.of(error));
    }

    /** For an enum argument, the accepted values (as they are written in a path or query). */
    private static String choices(Argument<?> argument) {
        Object[] constants = argument.getType().getEnumConstants();
        if (constants == null) {
            return "";
        }
        return "; use one of: "
                + Arrays.stream(constants)
                        .map(c -> c.toString().toLowerCase(Locale.ROOT))
                        .collect(Collectors.joining(", "));
    }

    private static String allowed(MutableHttpResponse<?> base) {
        return base.getHeaders()
                .getFirst(HttpHeaders.ALLOW)
                .map(allow -> "; use " + allow)
                .orElse("");
    }
}
