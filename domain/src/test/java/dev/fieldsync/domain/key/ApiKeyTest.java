package dev.fieldsync.domain.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ApiKeyTest {
    private static final String SECRET = "s3cr3tValueXyZ9876wxyz";
    private static final String KEY = "fi_pk_live_" + SECRET;

    @Test
    void aWellFormedKeyIsAcceptedAndRevealedOnlyOnRequest() {
        ApiKey key = ApiKey.of(KEY);
        assertThat(key.reveal()).isEqualTo(KEY);
    }

    @Test
    void toStringShowsOnlyThePrefixAndTheLastFour() {
        ApiKey key = ApiKey.of(KEY);
        assertThat(key.toString()).isEqualTo("fi_pk_live_…wxyz");
        assertThat(key.redacted()).isEqualTo(key.toString());
        assertThat(key.toString())
                .doesNotContain(SECRET)
                .doesNotContain("s3cr3t")
                .doesNotContain("9876");
    }

    @Test
    void aKeyWithoutAShortModeShowsOnlyTheFixedPrefix() {
        // Everything after fi_pk_ is secret here; the underscore must not make part of it a "mode".
        ApiKey key = ApiKey.of("fi_pk_verysecretpart_abcd1234");
        assertThat(key.toString()).isEqualTo("fi_pk_…1234").doesNotContain("verysecret");
        assertThat(ApiKey.of("fi_pk_abcdefgh1234").toString()).isEqualTo("fi_pk_…1234");
        assertThat(ApiKey.of("fi_pk_test_abcdefgh").toString()).isEqualTo("fi_pk_test_…efgh");
    }

    @Test
    void surroundingWhitespaceIsStripped() {
        assertThat(ApiKey.of("  " + KEY + "\n").reveal()).isEqualTo(KEY);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "sk_live_abcdefghijkl",
                "FI_PK_LIVE_abcdefghijkl",
                "pk_live_abcdefghijkl",
                "Bearer fi_pk_live_abc"
            })
    void aWrongPrefixIsRefusedWithoutQuotingTheKey(String value) {
        assertThatThrownBy(() -> ApiKey.of(value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fi_pk_")
                .hasMessageNotContaining(value)
                .hasMessageNotContaining("abcdefghijkl");
    }

    @Test
    void aTooShortKeyIsRefused() {
        assertThatThrownBy(() -> ApiKey.of("fi_pk_1234567"))
                .hasMessageContaining("too short")
                .hasMessageNotContaining("1234567");
        assertThat(ApiKey.of("fi_pk_12345678").reveal()).isEqualTo("fi_pk_12345678");
    }

    @Test
    void innerWhitespaceOrNonAsciiIsRefused() {
        assertThatThrownBy(() -> ApiKey.of("fi_pk_live_abc defghij"))
                .hasMessageContaining("spaces")
                .hasMessageNotContaining("abc defghij");
        assertThatThrownBy(() -> ApiKey.of("fi_pk_live_abc\ndefghij")).hasMessageContaining("spaces");
        assertThatThrownBy(() -> ApiKey.of("fi_pk_live_abcdéfghij")).hasMessageContaining("non-ASCII");
    }

    @Test
    void aMissingKeyIsRefusedWithAHint() {
        assertThatThrownBy(() -> ApiKey.of(null)).hasMessageContaining("FIELDSYNC_API_KEY");
        assertThatThrownBy(() -> ApiKey.of("   ")).hasMessageContaining("no API key");
        assertThat(ApiKey.formatProblem(KEY)).isNull();
        assertThat(ApiKey.formatProblem("nope")).isNotNull();
    }

    @Test
    void matchesComparesTheWholeKey() {
        ApiKey key = ApiKey.of(KEY);
        assertThat(key.matches(KEY)).isTrue();
        assertThat(key.matches(KEY + "x")).isFalse();
        assertThat(key.matches(KEY.substring(0, KEY.length() - 1))).isFalse();
        assertThat(key.matches(KEY.substring(0, KEY.length() - 1) + "Z")).isFalse();
        assertThat(key.matches("")).isFalse();
        assertThat(key.matches(null)).isFalse();
    }

    @Test
    void equalKeysAreEqualAndHashAlike() {
        assertThat(ApiKey.of(KEY)).isEqualTo(ApiKey.of(" " + KEY)).hasSameHashCodeAs(ApiKey.of(KEY));
        assertThat(ApiKey.of(KEY)).isNotEqualTo(ApiKey.of(KEY + "1")).isNotEqualTo(KEY);
    }
}
