package dev.fieldsync.application.write;

import dev.fieldsync.application.lookup.CatalogService;
import dev.fieldsync.application.lookup.References;
import dev.fieldsync.domain.id.CustomerId;
import dev.fieldsync.domain.id.SiteId;
import dev.fieldsync.domain.lookup.LookupCatalog;
import dev.fieldsync.domain.lookup.LookupKind;
import dev.fieldsync.domain.lookup.NamedItem;
import dev.fieldsync.domain.site.SiteDraft;
import dev.fieldsync.domain.site.SiteInput;
import dev.fieldsync.domain.validation.Validated;
import dev.fieldsync.domain.validation.Violation;
import dev.fieldsync.ports.in.write.CreateSite;
import dev.fieldsync.ports.in.write.WriteOutcome;
import dev.fieldsync.ports.out.gateway.Gateway;
import dev.fieldsync.ports.out.gateway.GatewayException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Creates a site. The customer may be a name or an id (resolved through the catalog); every problem is
 * reported at once. The new site joins the cached catalog at once, so a job can use it right away.
 */
public final class SiteCreation implements CreateSite {
    private static final System.Logger LOG = System.getLogger(SiteCreation.class.getName());

    private final Gateway gateway;
    private final CatalogService lookups;

    public SiteCreation(Gateway gateway, CatalogService lookups) {
        this.gateway = Objects.requireNonNull(gateway, "gateway");
        this.lookups = Objects.requireNonNull(lookups, "lookups");
    }

    @Override
    public WriteOutcome<SiteId> create(SiteInput input) {
        Objects.requireNonNull(input, "input");
        List<Violation> violations = new ArrayList<>();
        SiteInput resolvedInput = input;
        if (input.customer() != null && !input.customer().isBlank()) {
            LookupCatalog catalog;
            try {
                catalog = lookups.catalog();
            } catch (GatewayException unavailable) {
                return new WriteOutcome.Failed<>("the lookup catalog could not be loaded to resolve customer '"
                        + input.customer() + "': " + unavailable.describe(), unavailable.hint());
            }
            Optional<CustomerId> customer = References.resolve("customer", input.customer(), catalog.customers(),
                    LookupKind.CUSTOMERS, violations);
            // A refused reference is already reported; a placeholder keeps it from being reported twice.
            resolvedInput = input.withCustomer(customer.map(CustomerId::value).orElse("0"));
        }
        Validated<SiteDraft> validated = SiteDraft.validate(resolvedInput);
        violations.addAll(validated.violations());
        if (!violations.isEmpty()) {
            return new WriteOutcome.Invalid<>(violations);
        }
        SiteDraft draft = validated.value().orElseThrow();
        SiteId site;
        try {
            site = gateway.createSite(draft);
        } catch (GatewayException failure) {
            LOG.log(Level.INFO, "site create not done: {0}", failure.describe());
            if (WriteOutcomes.mayBeStaleId(failure)) {
                lookups.refreshAfterStaleId();
            }
            return WriteOutcomes.of(failure);
        }
        lookups.addSite(new NamedItem<>(site, draft.details().displayName().orElse(site.value())));
        return new WriteOutcome.Done<>(site);
    }
}
