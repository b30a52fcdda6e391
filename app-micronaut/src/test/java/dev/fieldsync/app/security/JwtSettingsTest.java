package dev.fieldsync.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fieldsync.app.config.JwtSettings;
import dev.fieldsync.app.config.Scope;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The JWT settings: off without a JWKS URL; with one, an issuer, an audience and unambiguous claim values. */
class JwtSettingsTest {

    static Map<String, String> jwt() {
        Map<String, String> properties = NamedTokensTest.minimal();
        properties.put("fieldsync.api.jwt.jwks-url", "https://idp.example.test/jwks.json");
        properties.put("fieldsync.api.jwt.issuer", "https://idp.example.test/");
        properties.put("fieldsync.api.jwt.audience", "fieldsync");
        return properties;
    }

    @Test
    void withoutAUrlNoJwtIsAcceptedAndTheDefaultsMapOAuthScopes() {
        assertThat(NamedTokensTest.read(NamedTokensTest.minimal()).api().jwt()).isEmpty();
        JwtSettings settings = NamedTokensTest.read(jwt()).api().jwt().orElseThrow();
        assertThat(settings.scopeClaim()).isEqualTo("scope");
        assertThat(settings.scopeOf("fieldsync:read")).contains(Scope.READ);
        assertThat(settings.scopeOf("fieldsync:write")).contains(Scope.WRITE);
        assertThat(settings.scopeOf("fieldsync:admin")).contains(Scope.ADMIN);
        assertThat(settings.scopeOf("openid")).isEmpty();
        NamedTokensTest.read(jwt()).api().requireCredentials(); // JWTs alone are enough for a service
    }

    @Test
    void aUrlNeedsAnIssuerAndAnAudience() {
        Map<String, String> noIssuer = jwt();
        noIssuer.remove("fieldsync.api.jwt.issuer");
        assertThatThrownBy(() -> NamedTokensTest.read(noIssuer))
                .hasMessageContaining("fieldsync.api.jwt.issuer is not set");
        Map<String, String> noAudience = jwt();
        noAudience.remove("fieldsync.api.jwt.audience");
        assertThatThrownBy(() -> NamedTokensTest.read(noAudience))
                .hasMessageContaining("fieldsync.api.jwt.audience is not set");
    }

    @Test
    void keysComeOverHttpsOrFromThisMachine() {
        Map<String, String> plain = jwt();
        plain.put("fieldsync.api.jwt.jwks-url", "http://idp.example.test/jwks.json");
        assertThatThrownBy(() -> NamedTokensTest.read(plain))
                .hasMessageContaining(
                        "fieldsync.api.jwt.jwks-url is 'http://idp.example.test/jwks.json', not an https:// URL")
                .hasMessageContaining("plain http is allowed to localhost only");
        plain.put("fieldsync.api.jwt.jwks-url", "http://127.0.0.1:9000/jwks.json");
        assertThat(NamedTokensTest.read(plain).api().jwt()).isPresent();
    }

    @Test
    void aClaimValueMeansOneScope() {
        Map<String, String> twice = jwt();
        twice.put("fieldsync.api.jwt.read-values", "api");
        twice.put("fieldsync.api.jwt.write-values", "api");
        assertThatThrownBy(() -> NamedTokensTest.read(twice))
                .hasMessageContaining(
                        "fieldsync.api.jwt.write-values holds 'api', which fieldsync.api.jwt.read-values");
    }
}
