package dev.fieldsync.domain.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.fieldsync.domain.id.CustomerId;
import dev.fieldsync.domain.validation.Validated;
import dev.fieldsync.domain.validation.Violation;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SiteValidationTest {

    /** Each optional member, its documented limit, and the accessor of the validated value. */
    static Stream<Arguments> members() {
        return Stream.of(
                member("business_name", 200, SiteDetails::businessName),
                member("address", 500, SiteDetails::address),
                member("first_name", 100, SiteDetails::firstName),
                member("last_name", 100, SiteDetails::lastName),
                member("mobile_number", 50, SiteDetails::mobileNumber),
                member("email", 200, SiteDetails::email),
                member("notes", 2000, SiteDetails::notes),
                member("url", 500, SiteDetails::url),
                member("external_id", 36, SiteDetails::externalId));
    }

    private static Arguments member(String field, int max, Function<SiteDetails, java.util.Optional<String>> get) {
        return Arguments.of(field, max, get);
    }

    static SiteInput input(String customer, String field, String value) {
        return SiteInput.builder()
                .customer(customer)
                .businessName(field.equals("business_name") ? value : null)
                .address(field.equals("address") ? value : null)
                .firstName(field.equals("first_name") ? value : null)
                .lastName(field.equals("last_name") ? value : null)
                .mobileNumber(field.equals("mobile_number") ? value : null)
                .email(field.equals("email") ? value : null)
                .notes(field.equals("notes") ? value : null)
                .url(field.equals("url") ? value : null)
                .externalId(field.equals("external_id") ? value : null)
                .build();
    }

    @ParameterizedTest(name = "create: {0} accepts {1} and refuses {1}+1")
    @MethodSource("members")
    void createHonoursEveryMemberLimit(String field, int max, Function<SiteDetails, java.util.Optional<String>> get) {
        SiteDraft draft =
                SiteDraft.validate(input("245715", field, "x".repeat(max))).orElseThrow();
        assertThat(get.apply(draft.details())).contains("x".repeat(max));
        Validated<SiteDraft> tooLong = SiteDraft.validate(input("245715", field, "x".repeat(max + 1)));
        assertThat(tooLong.violations())
                .extracting(Violation::field, Violation::rule)
                .containsExactly(tuple(field, "max-length"));
        assertThat(tooLong.violations().get(0).message()).contains(Integer.toString(max));
    }

    @ParameterizedTest(name = "patch: {0} accepts {1} and refuses {1}+1")
    @MethodSource("members")
    void patchHonoursEveryMemberLimit(String field, int max, Function<SiteDetails, java.util.Optional<String>> get) {
        SitePatch patch =
                SitePatch.validate(input(null, field, "x".repeat(max))).orElseThrow();
        assertThat(get.apply(patch.details())).contains("x".repeat(max));
        assertThat(SitePatch.validate(input(null, field, "x".repeat(max + 1))).violations())
                .extracting(Violation::field, Violation::rule)
                .containsExactly(tuple(field, "max-length"));
    }

    @Test
    void createNeedsANumericCustomer() {
        assertThat(SiteDraft.validate(input(null, "address", "1 Main St")).violations())
                .extracting(Violation::field, Violation::rule)
                .containsExactly(tuple("customer", "required"));
        assertThat(SiteDraft.validate(input("Acme", "address", "1 Main St")).violations())
                .extracting(Violation::field, Violation::rule)
                .containsExactly(tuple("customer", "numeric-id"));
    }

    @Test
    void createWithOnlyACustomerIsValid() {
        SiteDraft draft = SiteDraft.validate(input("245715", "none", null)).orElseThrow();
        assertThat(draft.customer()).isEqualTo(CustomerId.of("245715"));
        assertThat(draft.details().isEmpty()).isTrue();
        assertThat(draft.details().displayName()).isEmpty();
    }

    @Test
    void everyViolationOfASiteComesAtOnce() {
        SiteInput input = SiteInput.builder()
                .businessName("b".repeat(201))
                .address("a".repeat(501))
                .firstName("f".repeat(101))
                .lastName("l".repeat(101))
                .mobileNumber("m".repeat(51))
                .email("e".repeat(201))
                .notes("n".repeat(2001))
                .url("u".repeat(501))
                .externalId("x".repeat(37))
                .build();
        assertThat(SiteDraft.validate(input).violations())
                .extracting(Violation::field)
                .containsExactlyInAnyOrder(
                        "customer",
                        "business_name",
                        "address",
                        "first_name",
                        "last_name",
                        "mobile_number",
                        "email",
                        "notes",
                        "url",
                        "external_id");
    }

    @Test
    void patchRefusesACustomerChangeAndAnEmptyPatch() {
        assertThat(SitePatch.validate(input("245715", "address", "1 Main St")).violations())
                .extracting(Violation::field, Violation::rule)
                .containsExactly(tuple("customer", "not-writable"));
        assertThat(SitePatch.validate(input(null, "none", null)).violations())
                .extracting(Violation::field, Violation::rule)
                .containsExactly(tuple("patch", "empty"));
    }

    @Test
    void patchMayClearAMemberWithAnEmptyString() {
        SitePatch patch = SitePatch.validate(input(null, "email", "")).orElseThrow();
        assertThat(patch.details().email()).contains("");
        assertThat(patch.details().address()).isEmpty();
    }

    @Test
    void displayNamePrefersBusinessNameThenAddress() {
        SiteInput both = SiteInput.builder()
                .customer("1")
                .businessName("Acme Depot")
                .address("1 Main St")
                .build();
        assertThat(SiteDraft.validate(both).orElseThrow().details().displayName())
                .contains("Acme Depot");
        assertThat(SiteDraft.validate(input("1", "address", "1 Main St"))
                        .orElseThrow()
                        .details()
                        .displayName())
                .contains("1 Main St");
    }

    @Test
    void withCustomerReplacesOnlyTheCustomer() {
        SiteInput original = input("Acme", "url", "https://acme.example");
        assertThat(original.withCustomer("245715")).isEqualTo(input("245715", "url", "https://acme.example"));
    }
}
