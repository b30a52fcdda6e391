package dev.fieldsync.app.security;

import dev.fieldsync.app.config.FieldsyncSettings;
import dev.fieldsync.app.config.Scope;
import dev.fieldsync.app.rest.Callers;
import dev.fieldsync.app.rest.Problem;
import dev.fieldsync.app.rest.ProblemHandler;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.security.authentication.AuthorizationException;
import io.micronaut.security.authentication.DefaultAuthorizationExceptionHandler;
import jakarta.inject.Singleton;
import java.net.URI;
import java.util.Optional;

/**
 * Micronaut Security's refusals as the API's problems: 401 {@code unauthorized} (no token, one that is not
 * fieldsync's, or a JWT refused, saying why) and 403 {@code forbidden} naming the scope the call needs, each with the fix. Neither ever repeats
 * the presented token.
 */
@Singleton
@Replaces(DefaultAuthorizationExceptionHandler.class)
public class SecurityProblems implements ExceptionHandler<AuthorizationException, MutableHttpResponse<?>> {
    /** The operator console's paths (its pages are in app.console, which depends on this package, not back). */
    static final String CONSOLE = "/console";

    private final boolean jwtAccepted;

    public SecurityProblems(FieldsyncSettings settings) {
        this.jwtAccepted = settings.api().jwt().isPresent();
    }

    @Override
    public MutableHttpResponse<?> handle(HttpRequest request, AuthorizationException exception) {
        Scope needed = ScopeRule.required(request).orElse(Scope.READ);
        if (isConsole(request) && fromBrowser(request)) {
            return consoleRefusal(request, exception, needed);
        }
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
        Optional<String> presented = request.getHeaders()
                .getAuthorization()
                .filter(header -> header.regionMatches(true, 0, "Bearer ", 0, 7))
                .map(header -> header.substring(7).strip());
        Problem problem = Problem.of(
                        401,
                        "unauthorized",
                        "Missing or wrong API token",
                        presented.isPresent()
                                ? why(request, presented.get())
                                : "No bearer token was sent; " + request.getMethodName() + " " + request.getPath()
                                        + " needs the scope '" + needed.wireName() + "'.")
                .withHint("Send Authorization: Bearer <token>: the value of fieldsync.api.token (FIELDSYNC_API_TOKEN), "
                        + "or a token whose hash is in fieldsync.api.tokens.<name>.hashes (fieldsync token new).");
        return ProblemHandler.render(request, problem)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"fieldsync\"");
    }

    /**
     * The console is read by a browser: without a valid session cookie it is sent to the sign-in page (303); a
     * caller lacking the scope gets a short 403 page (no problem JSON, which a browser would show raw). A client that
     * calls a console path with a bearer token, or asks for no HTML, gets the problems above like any API caller.
     */
    private static MutableHttpResponse<?> consoleRefusal(
            HttpRequest<?> request, AuthorizationException exception, Scope needed) {
        if (!exception.isForbidden()) {
            return HttpResponse.seeOther(URI.create(CONSOLE + "/sign-in"));
        }
        String page = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Refused · fieldsync"
                + " console</title><link rel=\"stylesheet\" href=\"/console/assets/console.css\"></head><body><main>"
                + "<h1>Refused</h1><p id=\"forbidden\">This needs the scope " + needed.wireName()
                + "; your token does not have it.</p><p><a href=\"/console/integrations\">Back to the console</a>"
                + "</p></main></body></html>";
        return HttpResponse.status(HttpStatus.FORBIDDEN)
                .contentType(MediaType.TEXT_HTML + ";charset=utf-8")
                .header("Cache-Control", "no-store")
                .body(page);
    }

    /** A browser's navigation: it asks for HTML and carries no bearer token (an API client gets the problems). */
    private static boolean fromBrowser(HttpRequest<?> request) {
        return request.getHeaders().getAuthorization().isEmpty()
                && request.getHeaders().accept().stream().anyMatch(type -> type.matches(MediaType.TEXT_HTML_TYPE));
    }

    private static boolean isConsole(HttpRequest<?> request) {
        String path = request.getPath();
        return path.equals(CONSOLE) || path.startsWith(CONSOLE + "/");
    }

    /** Why a presented token was refused, in words that never repeat it. */
    private String why(HttpRequest<?> request, String token) {
        Optional<String> refusal = request.getAttribute(JwtClaimsCheck.REFUSAL, String.class);
        if (refusal.isPresent()) {
            return "The JWT was refused: " + refusal.get() + ".";
        }
        boolean jwtShaped = token.chars().filter(c -> c == '.').count() == 2;
        if (jwtShaped && jwtAccepted) {
            return "The JWT's signature matches no key of fieldsync.api.jwt.jwks-url (or the key set could not be read).";
        }
        return "The bearer token is none of fieldsync's tokens" + (jwtAccepted ? " nor a valid JWT." : ".");
    }
}
