package dev.fieldsync.app.security;

import dev.fieldsync.app.config.ApiToken;
import dev.fieldsync.app.config.FieldsyncSettings;
import dev.fieldsync.app.config.Scope;
import dev.fieldsync.app.config.TokenHash;
import dev.fieldsync.app.rest.Callers;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.validator.TokenValidator;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.reactivestreams.Publisher;

/**
 * Micronaut Security's token validator for fieldsync's own opaque bearer tokens: the presented token's SHA-256 is
 * compared, in constant time, with every configured hash ({@code fieldsync.api.tokens.<name>.hashes} and the
 * {@code default} token of {@code fieldsync.api.token}). A match authenticates the token's name with its scopes as
 * roles; no match is no answer, so the next validator (JWT, when configured) may try.
 */
@Singleton
public class NamedTokenValidator implements TokenValidator<HttpRequest<?>> {
    private final List<ApiToken> tokens;

    public NamedTokenValidator(FieldsyncSettings settings) {
        this.tokens = settings.api().tokens();
    }

    @Override
    public Publisher<Authentication> validateToken(String token, HttpRequest<?> request) {
        return find(token).map(Publishers::just).orElseGet(Publishers::empty);
    }

    /** The authentication of a presented token; every configured hash is compared, whichever matches. */
    Optional<Authentication> find(String token) {
        byte[] presented = TokenHash.digestOf(token);
        ApiToken found = null;
        for (ApiToken candidate : tokens) {
            if (candidate.matches(presented) && found == null) {
                found = candidate;
            }
        }
        return Optional.ofNullable(found)
                .map(named -> Authentication.build(
                        named.name(),
                        named.scopes().stream().map(Scope::wireName).sorted().toList(),
                        Map.of(Callers.ACTOR, "token:" + named.name())));
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
