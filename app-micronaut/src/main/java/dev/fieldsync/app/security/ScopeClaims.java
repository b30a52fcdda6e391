package dev.fieldsync.app.security;

import com.nimbusds.jwt.JWT;
import dev.fieldsync.app.config.FieldsyncSettings;
import dev.fieldsync.app.config.JwtSettings;
import dev.fieldsync.app.config.Scope;
import dev.fieldsync.app.rest.Callers;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.jwt.validator.DefaultJwtAuthenticationFactory;
import io.micronaut.security.token.jwt.validator.JwtAuthenticationFactory;
import jakarta.inject.Singleton;
import java.text.ParseException;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A verified JWT as a caller: its subject, and the fieldsync scopes its scope claim maps to
 * ({@code fieldsync.api.jwt.scope-claim}, a space-separated string as OAuth's {@code scope} or a list as
 * {@code scp} or {@code roles}; {@code fieldsync.api.jwt.read-values} and the others say which value means which
 * scope). Values that map to nothing are ignored; a token with none gets 403 on every call but health's details.
 */
@Singleton
@Replaces(DefaultJwtAuthenticationFactory.class)
public class ScopeClaims implements JwtAuthenticationFactory {
    private final Optional<JwtSettings> settings;

    public ScopeClaims(FieldsyncSettings settings) {
        this.settings = settings.api().jwt();
    }

    @Override
    public Optional<Authentication> createAuthentication(JWT token) {
        if (settings.isEmpty()) {
            return Optional.empty();
        }
        try {
            Map<String, Object> claims = token.getJWTClaimsSet().getClaims();
            if (!(claims.get("sub") instanceof String subject) || subject.isBlank()) {
                return Optional.empty();
            }
            List<String> scopes = values(claims.get(settings.get().scopeClaim()))
                    .flatMap(value -> settings.get().scopeOf(value).stream())
                    .distinct()
                    .map(Scope::wireName)
                    .sorted()
                    .toList();
            return Optional.of(Authentication.build(subject, scopes, Map.of(Callers.ACTOR, "jwt:" + subject)));
        } catch (ParseException unreadable) {
            return Optional.empty();
        }
    }

    private static Stream<String> values(Object claim) {
        if (claim instanceof String text) {
            return Arrays.stream(text.split("[\\s,]+")).filter(value -> !value.isEmpty());
        }
        if (claim instanceof Collection<?> many) {
            return many.stream().map(String::valueOf);
        }
        return Stream.empty();
    }
}
