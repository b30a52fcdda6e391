package dev.fieldsync.app.security;

import dev.fieldsync.app.config.FieldsyncSettings;
import dev.fieldsync.app.config.JwtSettings;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.token.Claims;
import io.micronaut.security.token.jwt.validator.GenericJwtClaimsValidator;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * The claims a JWT must carry, checked after its signature (micronaut-security-jwt verifies that against the JWKS):
 * the configured issuer and audience, an expiry in the future and a start in the past (each with one minute of
 * leeway for clocks apart), a subject. The one claims validator: Micronaut's expiration and subject validators are
 * off ({@code application.yml}) so that the reason a token is refused is always this one's, recorded on the
 * request for the 401 problem. Without {@code fieldsync.api.jwt.jwks-url} no JWT passes, signed or not.
 */
@Singleton
public class JwtClaimsCheck<T> implements GenericJwtClaimsValidator<T> {
    /** The request attribute that holds why a JWT was refused (no token text in it). */
    static final String REFUSAL = "jwt-refusal";

    static final Duration LEEWAY = Duration.ofMinutes(1);

    private final Optional<JwtSettings> settings;
    private final Clock clock;

    public JwtClaimsCheck(FieldsyncSettings settings, Clock clock) {
        this.settings = settings.api().jwt();
        this.clock = clock;
    }

    @Override
    public boolean validate(Claims claims, T request) {
        Optional<String> refusal = refusal(claims);
        refusal.ifPresent(reason -> {
            if (request instanceof HttpRequest<?> http) {
                http.setAttribute(REFUSAL, reason);
            }
        });
        return refusal.isEmpty();
    }

    Optional<String> refusal(Claims claims) {
        if (settings.isEmpty()) {
            return Optional.of("JWTs are not accepted: fieldsync.api.jwt.jwks-url is not set");
        }
        JwtSettings jwt = settings.get();
        Instant now = clock.instant();
        Object issuer = claims.get("iss");
        if (!jwt.issuer().equals(issuer)) {
            return Optional.of("its issuer (iss) is " + shown(issuer) + ", not " + jwt.issuer());
        }
        if (!audiences(claims.get("aud")).contains(jwt.audience())) {
            return Optional.of("its audience (aud) is " + shown(claims.get("aud")) + ", not " + jwt.audience());
        }
        Optional<Instant> expiry = instant(claims.get("exp"));
        if (expiry.isEmpty()) {
            return Optional.of("it has no expiry (exp)");
        }
        if (expiry.get().plus(LEEWAY).isBefore(now)) {
            return Optional.of("it expired at " + expiry.get());
        }
        Optional<Instant> notBefore = instant(claims.get("nbf"));
        if (notBefore.isPresent() && notBefore.get().minus(LEEWAY).isAfter(now)) {
            return Optional.of("it is not valid before " + notBefore.get());
        }
        if (!(claims.get("sub") instanceof String subject) || subject.isBlank()) {
            return Optional.of("it has no subject (sub)");
        }
        return Optional.empty();
    }

    private static Collection<?> audiences(Object audience) {
        if (audience instanceof Collection<?> many) {
            return many;
        }
        return audience == null ? List.of() : List.of(audience);
    }

    private static Optional<Instant> instant(Object value) {
        if (value instanceof Date date) {
            return Optional.of(date.toInstant());
        }
        if (value instanceof Number seconds) {
            return Optional.of(Instant.ofEpochSecond(seconds.longValue()));
        }
        return Optional.empty();
    }

    /** A claim as a refusal names it: issuers and audiences are public names, cut short all the same. */
    private static String shown(Object value) {
        String text = String.valueOf(value);
        return "'" + (text.length() > 80 ? text.substring(0, 80) + "…" : text) + "'";
    }
}
