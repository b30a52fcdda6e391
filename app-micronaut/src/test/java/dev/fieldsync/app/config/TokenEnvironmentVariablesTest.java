package dev.fieldsync.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Named API tokens in the environment. A one-word name works; a name with '-' or '_' cannot be told from the
 * setting's own name there ({@code FIELDSYNC_API_TOKENS_BI_REPORTS_HASHES} reads as the token {@code bi}), and
 * start-up refuses it with the fix instead of silently leaving the token out (its callers would only see 401s).
 */
class TokenEnvironmentVariablesTest {
    private static final String HASH = "sha256:" + "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    @Test
    void aOneWordTokenNameIsReadFromTheEnvironment() {
        FieldsyncSettings settings = EnvironmentSettings.read(Map.of(
                "FIELDSYNC_API_TOKENS_BIREPORTS_HASHES", HASH, "FIELDSYNC_API_TOKENS_BIREPORTS_SCOPES", "read,write"));
        assertThat(settings.api().tokens()).singleElement().satisfies(token -> {
            assertThat(token.name()).isEqualTo("bireports");
            assertThat(token.hashes()).hasSize(1);
            assertThat(token.scopes()).isEqualTo(EnumSet.of(Scope.READ, Scope.WRITE));
        });
    }

    @Test
    void aTokenNameWithADashInTheEnvironmentIsRefusedWithTheFix() {
        assertThatThrownBy(() -> EnvironmentSettings.read(Map.of(
                        "FIELDSYNC_API_TOKENS_BI_REPORTS_HASHES",
                        HASH,
                        "FIELDSYNC_API_TOKENS_BI_REPORTS_SCOPES",
                        "read")))
                .isInstanceOf(ConfigurationProblem.class)
                .hasMessageContaining("fieldsync.api.tokens.bi")
                .hasMessageContaining("neither .hashes nor .scopes")
                .hasMessageContaining("application.yml")
                .satisfies(problem -> assertThat(problem.getMessage()).doesNotContain(HASH));
    }
}
