package dev.fieldsync.app.config;

import java.util.List;
import java.util.Set;

/**
 * A named API token as configured: one hash, or two during a rotation (both accepted until the old one is
 * removed), and its scopes. The name is what writes and operator actions record ({@code token:<name>}).
 */
public record ApiToken(String name, List<TokenHash> hashes, Set<Scope> scopes) {
    /** The name {@code fieldsync.api.token} (FIELDSYNC_API_TOKEN) is known by: it has every scope. */
    public static final String DEFAULT_NAME = "default";

    public ApiToken {
        hashes = List.copyOf(hashes);
        scopes = Set.copyOf(scopes);
    }

    /** True when the presented token's digest is one of this name's hashes; compares with every hash. */
    public boolean matches(byte[] presentedDigest) {
        boolean match = false;
        for (TokenHash hash : hashes) {
            match |= hash.matches(presentedDigest);
        }
        return match;
    }

    @Override
    public String toString() {
        return "ApiToken[name=" + name + ", hashes=" + hashes.size() + ", scopes=" + scopes + "]";
    }
}
