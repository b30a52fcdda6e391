package dev.fieldsync.app.rest;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** Renders a {@link ProblemException} as {@code application/problem+json}. */
@Produces
@Singleton
@Requires(classes = {ProblemException.class, ExceptionHandler.class})
public class ProblemHandler implements ExceptionHandler<ProblemException, HttpResponse<Problem>> {

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, ProblemException exception) {
        return render(request, exception.problem());
    }

    /** A problem response with the request's path as {@code instance}. */
    public static MutableHttpResponse<Problem> render(HttpRequest<?> request, Problem problem) {
        Problem withInstance = problem.instance() == null ? problem.withInstance(request.getPath()) : problem;
        return HttpResponse.<Problem>status(HttpStatus.valueOf(problem.status()))
                .contentType(Problem.MEDIA_TYPE)
                .body(withInstance);
    }
}
