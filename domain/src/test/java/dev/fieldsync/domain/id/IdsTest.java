package dev.fieldsync.domain.id;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class IdsTest {

    static Stream<Arguments> constructors() {
        return Stream.of(
                Arguments.of("customer id", (Function<String, Object>) CustomerId::of),
                Arguments.of("site id", (Function<String, Object>) SiteId::of),
                Arguments.of("project id", (Function<String, Object>) ProjectId::of),
                Arguments.of("job type id", (Function<String, Object>) JobTypeId::of),
                Arguments.of("status id", (Function<String, Object>) StatusId::of),
                Arguments.of("job id", (Function<String, Object>) JobId::of));
    }

    @ParameterizedTest(name = "{0} accepts digit strings")
    @MethodSource("constructors")
    void acceptsDigitStrings(String kind, Function<String, Object> make) {
        assertThat(make.apply("3065756")).hasToString("3065756");
        assertThat(make.apply("0")).hasToString("0");
        assertThat(make.apply("1234567890123456789")).hasToString("1234567890123456789");
    }

    @ParameterizedTest(name = "{0} refuses non-digit strings")
    @MethodSource("constructors")
    void refusesAnythingButDigits(String kind, Function<String, Object> make) {
        for (String bad : List.of("", "12a", " 1", "1 ", "-1", "+1", "1.0", "١٢", "12345678901234567890")) {
            assertThatThrownBy(() -> make.apply(bad))
                    .as("'%s'", bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(kind)
                    .hasMessageContaining("digits");
        }
        assertThatThrownBy(() -> make.apply(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining(kind);
    }

    @Test
    void idsOrderNumericallyNotLexically() {
        List<SiteId> ids = new ArrayList<>(List.of(SiteId.of("10"), SiteId.of("9"), SiteId.of("100"), SiteId.of("11")));
        ids.sort(null);
        assertThat(ids).extracting(SiteId::value).containsExactly("9", "10", "11", "100");
        assertThat(JobId.of("9").compareTo(JobId.of("10"))).isNegative();
        assertThat(CustomerId.of("20").compareTo(CustomerId.of("3"))).isPositive();
        assertThat(StatusId.of("5").compareTo(StatusId.of("5"))).isZero();
        assertThat(ProjectId.of("99").compareTo(ProjectId.of("100"))).isNegative();
        assertThat(JobTypeId.of("2").compareTo(JobTypeId.of("1"))).isPositive();
    }

    @Test
    void equalValuesAreEqualIds() {
        assertThat(SiteId.of("42")).isEqualTo(new SiteId("42")).hasSameHashCodeAs(SiteId.of("42"));
        assertThat(SiteId.of("42")).isNotEqualTo(SiteId.of("042"));
    }

    @Test
    void numericIdHelperAgreesWithTheConstructors() {
        assertThat(NumericId.isDigits("123")).isTrue();
        assertThat(NumericId.isDigits("")).isFalse();
        assertThat(NumericId.isDigits(null)).isFalse();
        assertThat(NumericId.isDigits("12a")).isFalse();
        assertThat(NumericId.isDigits("1".repeat(19))).isTrue();
        assertThat(NumericId.isDigits("1".repeat(20))).isFalse();
    }

    @Test
    void longBadValuesAreAbbreviatedInTheMessage() {
        String bad = "x".repeat(500);
        assertThatThrownBy(() -> SiteId.of(bad)).hasMessageNotContaining(bad).hasMessageContaining("x".repeat(40));
    }

    @ParameterizedTest
    @ValueSource(strings = {"acme", "a", "0", "acme-erp_1", "9lives"})
    void integrationIdAcceptsLowercaseNames(String value) {
        assertThat(IntegrationId.of(value)).hasToString(value);
    }

    @Test
    void integrationIdAcceptsSixtyThreeCharactersButNotSixtyFour() {
        assertThat(IntegrationId.of("a".repeat(63)).value()).hasSize(63);
        assertThatThrownBy(() -> IntegrationId.of("a".repeat(64))).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Acme", "-acme", "_acme", "acme erp", "acme.erp", "acmé", " acme"})
    void integrationIdRefusesOtherForms(String value) {
        assertThatThrownBy(() -> IntegrationId.of(value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a-z, 0-9");
    }

    @Test
    void integrationIdRefusesNull() {
        assertThatThrownBy(() -> IntegrationId.of(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void integrationIdsAreDistinguished() {
        assertThat(IntegrationId.of("acme"))
                .isEqualTo(IntegrationId.of("acme"))
                .isNotEqualTo(IntegrationId.of("acme2"));
    }

    @Test
    void jobNumberIsOneToSixtyFourCharacters() {
        assertThat(JobNumber.of("16")).hasToString("16");
        assertThat(JobNumber.of("J".repeat(64)).value()).hasSize(64);
        assertThatThrownBy(() -> JobNumber.of("J".repeat(65))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JobNumber.of(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JobNumber.of(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
