package dev.fieldsync.app.security;

import com.nimbusds.jose.jwk.KeyType;
import dev.fieldsync.app.config.FieldsyncSettings;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.condition.Condition;
import io.micronaut.context.condition.ConditionContext;
import io.micronaut.core.value.PropertyResolver;
import io.micronaut.security.token.jwt.signature.jwks.JwksSignatureConfiguration;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

/**
 * The JWKS that JWT signatures are verified against, as micronaut-security-jwt's own configuration: its
 * {@code ReactiveJwksSignature} is made for this bean and fetches and caches the key set. Only when
 * {@code fieldsync.api.jwt.jwks-url} is set.
 */
@Factory
public class JwtKeys {
    static final String NAME = "fieldsync";

    @Singleton
    @Named(NAME)
    @Requires(condition = JwtKeys.Configured.class)
    JwksSignatureConfiguration jwks(FieldsyncSettings settings) {
        String url = settings.api().jwt().orElseThrow().jwksUrl().toString();
        return new JwksSignatureConfiguration() {
            @Override
            public String getName() {
                return NAME;
            }

            @Override
            public String getUrl() {
                return url;
            }

            /** Any key type of the set (RSA or EC); the token's own header names its algorithm and key. */
            @Override
            public KeyType getKeyType() {
                return null;
            }

            @Override
            @SuppressWarnings("removal")
            public Integer getCacheExpiration() {
                return 60;
            }
        };
    }

    /** True when {@code fieldsync.api.jwt.jwks-url} has a value. */
    public static final class Configured implements Condition {
        @Override
        public boolean matches(ConditionContext context) {
            return context.getBeanContext() instanceof PropertyResolver properties
                    && properties
                            .getProperty("fieldsync.api.jwt.jwks-url", String.class)
                            .filter(url -> !url.isBlank())
                            .isPresent();
        }
    }
}
