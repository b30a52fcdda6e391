package dev.fieldsync.app.security;

import dev.fieldsync.app.config.Scope;
import dev.fieldsync.app.rest.Callers;
import dev.fieldsync.app.rest.Problem;
import dev.fieldsync.app.rest.ProblemHandler;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.security.authentication.AuthorizationException;
import io.micronaut.security.authentication.DefaultAuthorizationExceptionHandler;
import jakarta.inject.Singleton;

/**
 * Micronaut Security's refusals as the API's problems: 401 {@code unauthorized} (no token, or one that is not
 * fieldsync's) and 403 {@code forbidden} naming the scope the call needs, each with the fix. Neither ever repeats
 * the presented token.
 */
@Singleton
@Replaces(DefaultAuthorizationExceptionHandler.class)
public class SecurityProblems implements ExceptionHandler<AuthorizationException, MutableHttpResponse<?>> {

    @Override
    public MutableHttpResponse<?> handle(HttpRequest request, AuthorizationException exception) {
        Scope needed = ScopeRule.required(request).orElse(Scope.READ);
        if (exception.isForbidden()) {
            Problem problem = Problem.of(
                            403,
                            "forbidden",
                            "The token lacks the " + needed.wireName() + " scope",
                            request.getMethodName() + " " + request.getPath() + " needs the scope '"
                                    + needed.wireName() + "'; "
                                    + Callers.actor(request).orElse("the caller")
                                    + " has " + exception.getAuthentication().getRoles() + ".")
                    .withHint("Use a token with the " + needed.wireName() + " scope, or add it to this token's "
                            + "fieldsync.api.tokens.<name>.scopes.");
            return ProblemHandler.render(request, problem)
                    .header(
                            HttpHeaders.WWW_AUTHENTICATE,
                            "Bearer realm=\"fieldsync\", error=\"insufficient_scope\", scope=\"" + needed.wireName()
                                    + "\"");
        }
        boolean presented = request.getHeaders()
                .getAuthorization()
                .filter(header -> header.regionMatches(true, 0, "Bearer ", 0, 7))
                .isPresent();
        Problem problem = Problem.of(
                        401,
                        "unauthorized",
                        "Missing or wrong API token",
                        presented
                                ? "The bearer token is none of fieldsync's tokens."
                                : "No bearer token was sent; " + request.getMethodName() + " " + request.getPath()
                                        + " needs the scope '" + needed.wireName() + "'.")
                .withHint("Send Authorization: Bearer <token>: the value of fieldsync.api.token (FIELDSYNC_API_TOKEN), "
                        + "or a token whose hash is in fieldsync.api.tokens.<name>.hashes (fieldsync token new).");
        return ProblemHandler.render(request, problem)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"fieldsync\"");
    }
}
