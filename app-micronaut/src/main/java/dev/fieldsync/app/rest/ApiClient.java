package dev.fieldsync.app.rest;

import java.security.Principal;

/** The caller that presented the service's API token: the one principal of this service. */
public record ApiClient(String getName) implements Principal {
    /** Whoever holds {@code fieldsync.api.token}; its name is the token name recorded on operator actions. */
    public static final ApiClient TOKEN_HOLDER = new ApiClient("service-token");
}
