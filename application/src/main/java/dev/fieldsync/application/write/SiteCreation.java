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
import dev.fieldsync.ports.out.budget.Priority;
import dev.fieldsync.ports.out.gateway.Gateway;
import dev.fieldsync.ports.out.gateway.GatewayException;
import dev.fieldsync.ports.out.gateway.OutcomeUnknownException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Creates a site. The customer may be a name or an id (resolved through the catalog); every problem is
 * reported at once. The new site joins the cached catalog at once, so a job can use it right away. A create whose
 * answer was lost is looked for in the sites lookup right away (see {@link #reconcile}).
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
        Optional<String> customerReference = input.customer().filter(customer -> !customer.isBlank());
        if (customerReference.isPresent()) {
            LookupCatalog catalog;
            try {
                catalog = lookups.catalog();
            } catch (GatewayException unavailable) {
                return new WriteOutcome.Failed<>(
                        "the lookup catalog could not be loaded to resolve customer '" + customerReference.get() + "': "
                                + unavailable.describe(),
                        unavailable.hint());
            }
            Optional<CustomerId> customer = References.resolve(
                    "customer",
                    customerReference.get(),
                    catalog.lookup(LookupKind.CUSTOMERS),
                    LookupKind.CUSTOMERS,
                    violations);
            // A refused reference is already reported; a placeholder keeps it from being reported twice.
            resolvedInput = input.withCustomer(customer.map(CustomerId::value).orElse("0"));
        }
        Validated<SiteDraft> validated = SiteDraft.validate(resolvedInput);
        violations.addAll(validated.violations());
        if (!violations.isEmpty()) {
            return new WriteOutcome.Invalid<>(violations);
        }
        SiteDraft draft = validated.value().orElseThrow();
        Set<SiteId> known = knownSites();
        return send(draft, known, false);
    }

    private WriteOutcome<SiteId> send(SiteDraft draft, Set<SiteId> known, boolean resent) {
        SiteId site;
        try {
            site = gateway.createSite(draft);
        } catch (OutcomeUnknownException unknown) {
            LOG.log(
                    Level.WARNING,
                    "site create: outcome unknown ({0}); looking in the sites lookup",
                    unknown.describe());
            return reconcile(draft, known, resent, unknown);
        } catch (GatewayException failure) {
            LOG.log(Level.INFO, "site create not done: {0}", failure.describe());
            if (WriteOutcomes.mayBeStaleId(failure)) {
                lookups.refreshAfterStaleId();
            }
            return WriteOutcomes.of(failure);
        }
        return created(draft, site);
    }

    /**
     * The same rule as for jobs (ARCHITECTURE.md §5), from the sites lookup, where a new site shows up at once:
     * exactly one site we did not know, with the expected name ⇒ it is ours; no new site in a complete (not
     * truncated) lookup ⇒ provably absent, sent again once; anything else ⇒ a person decides.
     */
    private WriteOutcome<SiteId> reconcile(
            SiteDraft draft, Set<SiteId> known, boolean resent, OutcomeUnknownException unknown) {
        Optional<String> name = draft.details().displayName();
        List<NamedItem<SiteId>> listed;
        try {
            listed = gateway.lookup(LookupKind.SITES, Priority.INTERACTIVE);
        } catch (GatewayException lookupFailed) {
            return new WriteOutcome.OutcomeUnknown<>(
                    unknown.describe() + "; looking for the site in the sites lookup " + "failed too: "
                            + lookupFailed.describe(),
                    "check FieldInsight for a site named '" + name.orElse("(no name)") + "' before creating it again");
        }
        List<NamedItem<SiteId>> added =
                listed.stream().filter(item -> !known.contains(item.id())).toList();
        boolean complete = listed.size() < LookupKind.CAP;
        if (added.size() == 1 && name.isPresent() && added.get(0).name().equals(name.get())) {
            LOG.log(
                    Level.INFO,
                    "site create: the site was created after all, as {0}",
                    added.get(0).id());
            return created(draft, added.get(0).id());
        }
        if (added.isEmpty() && complete) {
            if (!resent) {
                LOG.log(Level.INFO, "site create: the complete sites lookup shows no new site; sending it again, once");
                return send(draft, known, true);
            }
            return new WriteOutcome.Failed<>(
                    "the site create could not be confirmed after one re-send, and the "
                            + "sites lookup shows no new site: nothing was created",
                    "try again later");
        }
        List<String> candidates = added.stream().map(item -> item.id().value()).toList();
        String why = added.isEmpty()
                ? "the sites lookup is capped at " + LookupKind.CAP + " items, so the new site may exist unseen"
                : added.size() + " site(s) appeared that fieldsync did not know: "
                        + added.stream()
                                .map(item -> item.id() + " '" + item.name() + "'")
                                .toList()
                        + (name.isEmpty() ? " (and this site has no name to match them by)" : "");
        return new WriteOutcome.NeedsReview<>(
                candidates,
                "the site create may have run (" + unknown.describe() + "); " + why,
                "check these sites in FieldInsight: if one is yours, use its id; if none is, "
                        + "create the site again");
    }

    private WriteOutcome<SiteId> created(SiteDraft draft, SiteId site) {
        lookups.addSite(new NamedItem<>(site, draft.details().displayName().orElse(site.value())));
        return new WriteOutcome.Done<>(site);
    }

    /** The sites of the cached catalog (no call when there is one): what a new site is told apart from. */
    private Set<SiteId> knownSites() {
        try {
            return lookups.catalog().lookup(LookupKind.SITES).items().stream()
                    .map(NamedItem::id)
                    .collect(java.util.stream.Collectors.toSet());
        } catch (GatewayException unavailable) {
            return Set.of();
        }
    }
}
