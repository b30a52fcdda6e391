package dev.fieldsync.application.write;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldsync.application.Scenario;
import dev.fieldsync.domain.id.CustomerId;
import dev.fieldsync.domain.id.SiteId;
import dev.fieldsync.domain.lookup.LookupKind;
import dev.fieldsync.domain.site.SiteInput;
import dev.fieldsync.ports.in.write.WriteOutcome;
import dev.fieldsync.ports.out.gateway.GatewayOperation;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A site create whose answer was lost is looked for in the sites lookup, by the same rule as a job create. */
class SiteReconciliationTest {
    private static final String NAME = "Acme South Depot";
    private final Scenario s = new Scenario(20);

    @BeforeEach
    void catalog() {
        s.loadCatalog();
    }

    @Test
    void aSiteCreatedDespiteALostAnswerIsFoundInTheLookupAndNotCreatedTwice() {
        s.gateway().createsSiteButReportsUnknown(1);

        WriteOutcome<SiteId> outcome = create();

        assertThat(outcome).isInstanceOf(WriteOutcome.Done.class);
        SiteId site = ((WriteOutcome.Done<SiteId>) outcome).value();
        assertThat(s.gateway().siteRecords())
                .filteredOn(r -> r.name().equals(NAME))
                .extracting(r -> r.id())
                .containsExactly(site);
        assertThat(s.gateway().calls(GatewayOperation.CREATE_SITE)).isEqualTo(1);
        assertThat(s.catalogs()
                        .load(Scenario.INTEGRATION)
                        .orElseThrow()
                        .lookup(LookupKind.SITES)
                        .byId(site))
                .isPresent();
    }

    @Test
    void aSiteProvablyNotCreatedIsSentAgainOnce() {
        s.gateway().failsSiteCreateWithUnknown(1);

        WriteOutcome<SiteId> outcome = create();

        assertThat(outcome).isInstanceOf(WriteOutcome.Done.class);
        assertThat(s.gateway().calls(GatewayOperation.CREATE_SITE)).isEqualTo(2);
        assertThat(s.gateway().siteRecords())
                .filteredOn(r -> r.name().equals(NAME))
                .hasSize(1);
    }

    @Test
    void notFoundAfterItsOneReSendItFailsWithoutAThirdSend() {
        s.gateway().failsSiteCreateWithUnknown(2);

        WriteOutcome<SiteId> outcome = create();

        assertThat(outcome)
                .isInstanceOfSatisfying(
                        WriteOutcome.Failed.class,
                        failed -> assertThat(failed.message())
                                .contains("could not be confirmed after one re-send", "nothing was created"));
        assertThat(s.gateway().calls(GatewayOperation.CREATE_SITE)).isEqualTo(2);
        assertThat(s.gateway().siteRecords())
                .filteredOn(r -> r.name().equals(NAME))
                .isEmpty();
    }

    @Test
    void anotherNewSiteBesideOursIsLeftForAPerson() {
        s.gateway().putSite(SiteId.of("4999001"), CustomerId.of("245715"), "Someone else's site");
        s.gateway().createsSiteButReportsUnknown(1);

        WriteOutcome<SiteId> outcome = create();

        assertThat(outcome).isInstanceOfSatisfying(WriteOutcome.NeedsReview.class, review -> {
            assertThat(review.candidates()).hasSize(2).contains("4999001");
            assertThat(review.hint()).contains("if one is yours, use its id");
        });
        assertThat(s.gateway().calls(GatewayOperation.CREATE_SITE)).isEqualTo(1);
    }

    @Test
    void aCappedLookupCannotProveAbsenceSoNothingIsSentAgain() {
        for (int i = 0; i < 100; i++) {
            s.gateway().putSite(SiteId.of(Long.toString(3_000_000L + i)), CustomerId.of("245715"), "Filler " + i);
        }
        s.catalogs()
                .save(
                        Scenario.INTEGRATION,
                        s.catalogs().load(Scenario.INTEGRATION).orElseThrow());
        var core = s.newCore();
        core.lookups().refresh();
        s.gateway().failsSiteCreateWithUnknown(1);

        WriteOutcome<SiteId> outcome = core.createSite().create(input());

        assertThat(outcome)
                .isInstanceOfSatisfying(
                        WriteOutcome.NeedsReview.class,
                        review -> assertThat(review.message()).contains("capped at 100"));
        assertThat(s.gateway().calls(GatewayOperation.CREATE_SITE)).isEqualTo(1);
    }

    private WriteOutcome<SiteId> create() {
        return s.core().createSite().create(input());
    }

    private static SiteInput input() {
        return SiteInput.builder()
                .customer("Acme Facilities")
                .businessName(NAME)
                .address("9 South Rd, Logan QLD 4114")
                .build();
    }
}
