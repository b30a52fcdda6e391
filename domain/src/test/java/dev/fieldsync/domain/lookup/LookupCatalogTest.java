package dev.fieldsync.domain.lookup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.fieldsync.domain.id.CustomerId;
import dev.fieldsync.domain.id.JobTypeId;
import dev.fieldsync.domain.id.ProjectId;
import dev.fieldsync.domain.id.SiteId;
import dev.fieldsync.domain.id.StatusId;
import dev.fieldsync.domain.job.JobDraft;
import dev.fieldsync.domain.job.JobDraftInput;
import dev.fieldsync.domain.validation.Violation;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LookupCatalogTest {
    private static final Instant FETCHED = Instant.parse("2026-06-01T00:00:00Z");
    private static final JobTypeId SERVICE = JobTypeId.of("10");
    private static final JobTypeId INSTALL = JobTypeId.of("11");

    private static <I> NamedItem<I> item(I id, String name) {
        return new NamedItem<>(id, name);
    }

    private static final Lookup<CustomerId> CUSTOMERS = Lookup.fetched(List.of(
            item(CustomerId.of("245715"), "ACME Pty Ltd"),
            item(CustomerId.of("245716"), "Bolt & Co"),
            item(CustomerId.of("245717"), "bolt & co"),
            item(CustomerId.of("245718"), "Northwind"),
            item(CustomerId.of("245719"), "Northwind"),
            item(CustomerId.of("245720"), "A")));

    private static LookupCatalog catalog() {
        return LookupCatalog.fetchedAt(FETCHED)
                .fetched(LookupKind.CUSTOMERS, CUSTOMERS.items())
                .fetched(
                        LookupKind.SITES,
                        List.of(
                                item(SiteId.of("3065756"), "Pimpama depot"),
                                item(SiteId.of("3065757"), "Brisbane office")))
                .fetched(LookupKind.PROJECTS, List.of(item(ProjectId.of("555"), "Fit-out 2026")))
                .fetched(LookupKind.JOB_TYPES, List.of(item(SERVICE, "Annual service"), item(INSTALL, "Install")))
                .fetched(
                        LookupKind.JOB_STATUSES,
                        List.of(item(StatusId.of("68392"), "Tentative"), item(StatusId.of("68393"), "Scheduled")))
                .fetched(
                        LookupKind.CUSTOM_FIELDS,
                        List.of(
                                new CustomFieldDef("scope_of_work", "cf_1", Optional.empty()),
                                new CustomFieldDef("panel_count", "cf_2", Optional.of(INSTALL))))
                .build();
    }

    private static JobDraft draft(String site, String jobType, String project, Map<String, String> customFields) {
        return JobDraft.validate(JobDraftInput.builder()
                        .site(site)
                        .jobType(jobType)
                        .title("t")
                        .startTime("2026-07-01T09:00:00+10:00")
                        .endTime("2026-07-01T11:00:00+10:00")
                        .project(project)
                        .customFields(customFields)
                        .build())
                .orElseThrow();
    }

    @Test
    void resolvesById() {
        assertThat(CUSTOMERS.resolve("245718"))
                .isEqualTo(new Resolution.Resolved<>(item(CustomerId.of("245718"), "Northwind")));
        assertThat(catalog().lookup(LookupKind.SITES).resolve(" 3065757 "))
                .isInstanceOfSatisfying(
                        Resolution.Resolved.class,
                        r -> assertThat(r.item().name()).isEqualTo("Brisbane office"));
    }

    @Test
    void resolvesAnExactNameBeforeACaseInsensitiveOne() {
        assertThat(CUSTOMERS.resolve("Bolt & Co"))
                .isEqualTo(new Resolution.Resolved<>(item(CustomerId.of("245716"), "Bolt & Co")));
        assertThat(CUSTOMERS.resolve("bolt & co"))
                .isEqualTo(new Resolution.Resolved<>(item(CustomerId.of("245717"), "bolt & co")));
    }

    @Test
    void resolvesIgnoringCaseWhenNoExactNameMatches() {
        assertThat(CUSTOMERS.resolve("acme pty ltd"))
                .isEqualTo(new Resolution.Resolved<>(item(CustomerId.of("245715"), "ACME Pty Ltd")));
        assertThat(catalog().lookup(LookupKind.JOB_TYPES).resolve("ANNUAL SERVICE"))
                .isEqualTo(new Resolution.Resolved<>(item(SERVICE, "Annual service")));
    }

    @Test
    void anAmbiguousNameListsTheCandidates() {
        assertThat(CUSTOMERS.resolve("Northwind"))
                .isEqualTo(new Resolution.Ambiguous<>(
                        "Northwind",
                        List.of(
                                item(CustomerId.of("245718"), "Northwind"),
                                item(CustomerId.of("245719"), "Northwind"))));
        assertThat(CUSTOMERS.resolve("BOLT & CO"))
                .isInstanceOfSatisfying(
                        Resolution.Ambiguous.class,
                        a -> assertThat(a.candidates())
                                .extracting("name")
                                .containsExactlyInAnyOrder("Bolt & Co", "bolt & co"));
    }

    @Test
    void anUnknownNameSuggestsCloseNames() {
        assertThat(CUSTOMERS.resolve("Acme Pty")).isInstanceOfSatisfying(Resolution.Unknown.class, u -> {
            assertThat(u.reference()).isEqualTo("Acme Pty");
            assertThat(u.suggestions()).extracting("name").containsExactly("ACME Pty Ltd");
        });
        assertThat(catalog().lookup(LookupKind.JOB_TYPES).resolve("Annual servce"))
                .isInstanceOfSatisfying(
                        Resolution.Unknown.class,
                        u -> assertThat(u.suggestions()).extracting("name").containsExactly("Annual service"));
        assertThat(CUSTOMERS.resolve("Northwnd"))
                .isInstanceOfSatisfying(
                        Resolution.Unknown.class,
                        u -> assertThat(u.suggestions())
                                .extracting("id")
                                .containsExactly(CustomerId.of("245718"), CustomerId.of("245719")));
    }

    @Test
    void aFarAwayNameGetsNoSuggestions() {
        assertThat(CUSTOMERS.resolve("Completely different"))
                .isInstanceOfSatisfying(
                        Resolution.Unknown.class,
                        u -> assertThat(u.suggestions()).isEmpty());
        assertThat(catalog().lookup(LookupKind.SITES).resolve("999"))
                .isInstanceOfSatisfying(
                        Resolution.Unknown.class,
                        u -> assertThat(u.suggestions()).isEmpty());
    }

    @Test
    void aOneLetterNameIsNotSuggestedForEverythingThatContainsIt() {
        // "A" is contained in "Acme Pty" but is no close match for it.
        assertThat(CUSTOMERS.resolve("Acme Pty"))
                .isInstanceOfSatisfying(
                        Resolution.Unknown.class,
                        u -> assertThat(u.suggestions()).extracting("name").doesNotContain("A"));
    }

    @Test
    void suggestionsAreCappedAtThreeBestFirst() {
        Lookup<SiteId> sites = Lookup.fetched(List.of(
                item(SiteId.of("1"), "Depot 1"),
                item(SiteId.of("2"), "Depot 2"),
                item(SiteId.of("3"), "Depot 3"),
                item(SiteId.of("4"), "Depot 4"),
                item(SiteId.of("5"), "Depo")));
        assertThat(sites.resolve("Depot"))
                .isInstanceOfSatisfying(
                        Resolution.Unknown.class,
                        u -> assertThat(u.suggestions()).hasSize(3));
        assertThat(sites.resolve("Depox"))
                .isInstanceOfSatisfying(
                        Resolution.Unknown.class,
                        u -> assertThat(u.suggestions()).extracting("name").startsWith("Depo"));
    }

    @Test
    void exactlyOneHundredItemsArePossiblyTruncatedButNinetyNineAreNot() {
        assertThat(Lookup.fetched(sites(100)).possiblyTruncated()).isTrue();
        assertThat(Lookup.fetched(sites(99)).possiblyTruncated()).isFalse();
        assertThat(Lookup.empty().possiblyTruncated()).isFalse();
    }

    @Test
    void theCatalogNamesEachPossiblyTruncatedLookup() {
        List<CustomFieldDef> hundredFields = IntStream.range(0, 100)
                .mapToObj(i -> new CustomFieldDef("f" + i, "cf" + i, Optional.empty()))
                .toList();
        LookupCatalog full = LookupCatalog.fetchedAt(FETCHED)
                .fetched(LookupKind.CUSTOMERS, List.of())
                .fetched(LookupKind.SITES, sites(100))
                .fetched(LookupKind.PROJECTS, List.of())
                .fetched(LookupKind.JOB_TYPES, List.of())
                .fetched(LookupKind.JOB_STATUSES, List.of())
                .fetched(LookupKind.CUSTOM_FIELDS, hundredFields)
                .build();
        assertThat(full.possiblyTruncated()).containsExactlyInAnyOrder(LookupKind.SITES, LookupKind.CUSTOM_FIELDS);
        assertThat(full.count(LookupKind.SITES)).isEqualTo(100);
        assertThat(full.count(LookupKind.CUSTOM_FIELDS)).isEqualTo(100);
        LookupCatalog almost = LookupCatalog.fetchedAt(FETCHED)
                .fetched(LookupKind.CUSTOMERS, List.of())
                .fetched(LookupKind.SITES, sites(99))
                .fetched(LookupKind.PROJECTS, List.of())
                .fetched(LookupKind.JOB_TYPES, List.of())
                .fetched(LookupKind.JOB_STATUSES, List.of())
                .fetched(LookupKind.CUSTOM_FIELDS, hundredFields.subList(0, 99))
                .build();
        assertThat(almost.possiblyTruncated()).isEmpty();
        assertThat(catalog().possiblyTruncated()).isEmpty();
        assertThat(catalog().fetchedAt()).isEqualTo(FETCHED);
    }

    private static List<NamedItem<SiteId>> sites(int count) {
        return IntStream.rangeClosed(1, count)
                .mapToObj(i -> item(SiteId.of(Integer.toString(i)), "Site " + i))
                .toList();
    }

    @Test
    void customFieldsApplyToTheirJobTypeOrToAny() {
        assertThat(catalog().customFieldsFor(SERVICE))
                .extracting(CustomFieldDef::externalName)
                .containsExactly("scope_of_work");
        assertThat(catalog().customFieldsFor(INSTALL))
                .extracting(CustomFieldDef::externalName)
                .containsExactly("scope_of_work", "panel_count");
        assertThat(catalog().customField("panel_count"))
                .map(CustomFieldDef::fiFieldId)
                .contains("cf_2");
        assertThat(catalog().customField("nope")).isEmpty();
    }

    @Test
    void aDraftThatFitsTheCatalogHasNoViolations() {
        assertThat(catalog().validate(draft("3065756", "11", "555", Map.of("scope_of_work", "x", "panel_count", "4"))))
                .isEmpty();
    }

    @Test
    void validateReportsEveryCatalogProblemAtOnce() {
        List<Violation> violations =
                catalog().validate(draft("999", "12", "556", Map.of("scope_of_wrk", "x", "panel_count", "4")));
        assertThat(violations)
                .extracting(Violation::field, Violation::rule)
                .containsExactlyInAnyOrder(
                        tuple("site", "unknown-id"),
                        tuple("job_type", "unknown-id"),
                        tuple("project", "unknown-id"),
                        tuple("custom_fields.scope_of_wrk", "unknown-custom-field"),
                        tuple("custom_fields.panel_count", "custom-field-not-for-job-type"));
    }

    @Test
    void aFieldRestrictedToAnotherJobTypeNamesBothTypes() {
        List<Violation> violations = catalog().validate(draft("3065756", "10", null, Map.of("panel_count", "4")));
        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo("custom_fields.panel_count");
            assertThat(v.rule()).isEqualTo("custom-field-not-for-job-type");
            assertThat(v.message()).contains("'Install' (11)").contains("'Annual service' (10)");
        });
    }

    @Test
    void anUnknownCustomFieldListsTheKnownOnes() {
        assertThat(catalog().validate(draft("3065756", "10", null, Map.of("colour", "red"))))
                .singleElement()
                .satisfies(v -> assertThat(v.message()).contains("colour").contains("panel_count, scope_of_work"));
    }

    @Test
    void anUnknownIdInATruncatedLookupSaysTheLookupMayBeCutOff() {
        LookupCatalog full = LookupCatalog.fetchedAt(FETCHED)
                .fetched(LookupKind.CUSTOMERS, List.of())
                .fetched(LookupKind.SITES, sites(100))
                .fetched(LookupKind.PROJECTS, List.of())
                .fetched(LookupKind.JOB_TYPES, List.of(item(SERVICE, "Annual service")))
                .fetched(LookupKind.JOB_STATUSES, List.of())
                .fetched(LookupKind.CUSTOM_FIELDS, List.of())
                .build();
        assertThat(full.validate(draft("1000", "10", null, Map.of())))
                .singleElement()
                .satisfies(v -> assertThat(v.message()).contains("/v1/sites").contains("cut off"));
        assertThat(catalog().validate(draft("1000", "10", null, Map.of())))
                .singleElement()
                .satisfies(v ->
                        assertThat(v.message()).contains("refresh the lookups").doesNotContain("cut off"));
    }

    @Test
    void withSiteMakesANewSiteUsableAtOnceAndReplacesById() {
        LookupCatalog before = catalog();
        NamedItem<SiteId> created = item(SiteId.of("4000000"), "New depot");
        LookupCatalog after = before.with(LookupKind.SITES, created);
        assertThat(before.validate(draft("4000000", "10", null, Map.of()))).isNotEmpty();
        assertThat(after.validate(draft("4000000", "10", null, Map.of()))).isEmpty();
        assertThat(after.lookup(LookupKind.SITES).resolve("New depot")).isEqualTo(new Resolution.Resolved<>(created));
        assertThat(before.lookup(LookupKind.SITES).items()).hasSize(2);
        LookupCatalog renamed = after.with(LookupKind.SITES, item(SiteId.of("4000000"), "Renamed depot"));
        assertThat(renamed.lookup(LookupKind.SITES).items()).hasSize(3);
        assertThat(renamed.lookup(LookupKind.SITES).byId(SiteId.of("4000000")))
                .map(NamedItem::name)
                .contains("Renamed depot");
        assertThat(renamed.fetchedAt()).isEqualTo(before.fetchedAt());
        assertThat(renamed.lookup(LookupKind.CUSTOMERS)).isEqualTo(before.lookup(LookupKind.CUSTOMERS));
    }

    @Test
    void withKeepsTheTruncationFlag() {
        Lookup<SiteId> full = Lookup.fetched(sites(100));
        assertThat(full.with(item(SiteId.of("5000"), "x")).possiblyTruncated()).isTrue();
    }

    @Test
    void lookupKindsKnowTheirPaths() {
        assertThat(LookupKind.JOB_TYPES.path()).isEqualTo("/v1/job-types");
        assertThat(LookupKind.JOB_STATUSES.field()).isEqualTo("status");
        assertThat(LookupKind.CAP).isEqualTo(100);
    }
}
