package dev.fieldsync.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fieldsync.app.config.ConfigurationProblem;
import dev.fieldsync.app.config.FieldsyncSettings;
import dev.fieldsync.app.config.SettingsReader;
import dev.fieldsync.app.config.TokenHash;
import dev.fieldsync.app.rest.Callers;
import io.micronaut.security.authentication.Authentication;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Named tokens as configured: by hash only, rotated by a second hash, each with its scopes. */
class NamedTokensTest {
    private static final String TOKEN = SecuredService.newToken();
    private static final String NEXT = SecuredService.newToken();

    static Map<String, String> minimal() {
        Map<String, String> properties = new HashMap<>();
        properties.put("fieldsync.gateway.base-url", "https://gateway.example");
        return properties;
    }

    static FieldsyncSettings read(Map<String, String> properties) {
        return SettingsReader.of(properties).read();
    }

    static Optional<Authentication> authenticate(Map<String, String> properties, String token) {
        return new NamedTokenValidator(read(properties)).find(token);
    }

    @Test
    void aTokenIsConfiguredByItsHashAndAuthenticatesItsNameWithItsScopes() {
        Map<String, String> properties = minimal();
        properties.put("fieldsync.api.tokens.bi.hashes", TokenHash.of(TOKEN).text());
        properties.put("fieldsync.api.tokens.bi.scopes", "read");
        Authentication bi = authenticate(properties, TOKEN).orElseThrow();
        assertThat(bi.getName()).isEqualTo("bi");
        assertThat(bi.getRoles()).containsExactly("read");
        assertThat(bi.getAttributes()).containsEntry(Callers.ACTOR, "token:bi");
        assertThat(authenticate(properties, NEXT)).isEmpty();
        assertThat(authenticate(properties, TokenHash.of(TOKEN).text()))
                .as("the hash is no token")
                .isEmpty();
    }

    @Test
    void aRotationAcceptsBothHashesUntilTheOldOneIsRemoved() {
        Map<String, String> properties = minimal();
        properties.put(
                "fieldsync.api.tokens.ci.hashes",
                TokenHash.of(TOKEN).text() + "," + TokenHash.of(NEXT).text());
        properties.put("fieldsync.api.tokens.ci.scopes", "read,write");
        assertThat(authenticate(properties, TOKEN)).map(Authentication::getName).contains("ci");
        assertThat(authenticate(properties, NEXT)).map(Authentication::getName).contains("ci");

        properties.put("fieldsync.api.tokens.ci.hashes", TokenHash.of(NEXT).text());
        assertThat(authenticate(properties, TOKEN))
                .as("the old token, its hash removed")
                .isEmpty();
        assertThat(authenticate(properties, NEXT))
                .map(Authentication::getRoles)
                .hasValueSatisfying(roles -> assertThat(roles).containsExactlyInAnyOrder("read", "write"));
    }

    @Test
    void theSingleTokenIsTheDefaultTokenWithEveryScope() {
        Map<String, String> properties = minimal();
        properties.put("fieldsync.api.token", TOKEN);
        Authentication fallback = authenticate(properties, TOKEN).orElseThrow();
        assertThat(fallback.getName()).isEqualTo("default");
        assertThat(fallback.getRoles()).containsExactlyInAnyOrder("read", "write", "admin");
        assertThat(read(properties).toString()).doesNotContain(TOKEN);
    }

    @Test
    void aTokenWhereItsHashBelongsIsRefusedWithoutShowingIt() {
        Map<String, String> properties = minimal();
        properties.put("fieldsync.api.tokens.bi.hashes", TOKEN);
        properties.put("fieldsync.api.tokens.bi.scopes", "read");
        assertThatThrownBy(() -> read(properties))
                .isInstanceOf(ConfigurationProblem.class)
                .hasMessageContaining("fieldsync.api.tokens.bi.hashes holds a value of " + TOKEN.length())
                .hasMessageContaining("fieldsync token hash")
                .hasMessageNotContaining(TOKEN)
                .hasMessageNotContaining(TOKEN.substring(0, 8));
    }

    @Test
    void badNamedTokensAreRefusedWithTheFix() {
        Map<String, String> noScopes = minimal();
        noScopes.put("fieldsync.api.tokens.bi.hashes", TokenHash.of(TOKEN).text());
        assertThatThrownBy(() -> read(noScopes))
                .hasMessageContaining("fieldsync.api.tokens.bi.scopes is not set")
                .hasMessageContaining("read, write and/or admin");

        Map<String, String> badScope = minimal();
        badScope.put("fieldsync.api.tokens.bi.hashes", TokenHash.of(TOKEN).text());
        badScope.put("fieldsync.api.tokens.bi.scopes", "read,delete");
        assertThatThrownBy(() -> read(badScope)).hasMessageContaining("holds 'delete', not a scope");

        Map<String, String> shared = minimal();
        shared.put("fieldsync.api.tokens.a.hashes", TokenHash.of(TOKEN).text());
        shared.put("fieldsync.api.tokens.a.scopes", "read");
        shared.put("fieldsync.api.tokens.b.hashes", TokenHash.of(TOKEN).text());
        shared.put("fieldsync.api.tokens.b.scopes", "write");
        assertThatThrownBy(() -> read(shared)).hasMessageContaining("holds a hash that token 'a' has too");

        Map<String, String> twice = minimal();
        twice.put("fieldsync.api.token", TOKEN);
        twice.put("fieldsync.api.tokens.default.hashes", TokenHash.of(NEXT).text());
        twice.put("fieldsync.api.tokens.default.scopes", "read");
        assertThatThrownBy(() -> read(twice)).hasMessageContaining("names the token that fieldsync.api.token");
    }

    @Test
    void aServiceNeedsSomeToken() {
        assertThatThrownBy(() -> read(minimal()).api().requireCredentials())
                .isInstanceOf(ConfigurationProblem.class)
                .hasMessageContaining("fieldsync.api.token is not set; set FIELDSYNC_API_TOKEN")
                .hasMessageContaining("fieldsync.api.tokens.<name>.hashes");
    }
}
