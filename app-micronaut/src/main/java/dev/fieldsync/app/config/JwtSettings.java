package dev.fieldsync.app.config;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * JWT bearer tokens, when {@code fieldsync.api.jwt.jwks-url} is set: the keys' URL, the issuer and audience a token
 * must name, the claim that carries its scopes, and which of that claim's values mean which scope.
 */
public record JwtSettings(URI jwksUrl, String issuer, String audience, String scopeClaim, Map<String, Scope> values) {
    public JwtSettings {
        values = Map.copyOf(values);
    }

    /** The fieldsync scope a value of the scope claim stands for, if any. */
    public Optional<Scope> scopeOf(String claimValue) {
        return Optional.ofNullable(values.get(claimValue));
    }
}
