package dev.fieldsync.app.rest;

import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import java.security.Principal;
import java.util.Optional;

/**
 * Who made a call, as writes and operator actions record it: {@code token:<name>} for a named token,
 * {@code jwt:<subject>} for a JWT bearer.
 */
public final class Callers {
    /** The authentication attribute that holds the caller's recorded name. */
    public static final String ACTOR = "actor";

    private Callers() {}

    /** The caller's recorded name, empty for an anonymous call. */
    public static Optional<String> actor(HttpRequest<?> request) {
        return request.getUserPrincipal().map(Callers::actor);
    }

    static String actor(Principal principal) {
        if (principal instanceof Authentication authentication
                && authentication.getAttributes().get(ACTOR) instanceof String actor) {
            return actor;
        }
        return "principal:" + principal.getName();
    }
}
