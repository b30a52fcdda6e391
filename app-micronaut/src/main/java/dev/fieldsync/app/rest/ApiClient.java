package dev.fieldsync.app.rest;

import java.security.Principal;

/** The caller that presented the service's API token: the one principal of this service. */
public record ApiClient(String getName) implements Principal {
    /** Whoever holds {@code fieldsync.api.token}. */
    public static final ApiClient TOKEN_HOLDER = new ApiClient("api-token");
}
