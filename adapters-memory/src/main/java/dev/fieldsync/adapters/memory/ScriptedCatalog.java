package dev.fieldsync.adapters.memory;

import dev.fieldsync.domain.id.CustomerId;
import dev.fieldsync.domain.id.JobTypeId;
import dev.fieldsync.domain.id.ProjectId;
import dev.fieldsync.domain.id.SiteId;
import dev.fieldsync.domain.job.JobState;
import dev.fieldsync.domain.job.JobStatus;
import dev.fieldsync.domain.lookup.CustomFieldDef;
import dev.fieldsync.domain.lookup.LookupKind;
import dev.fieldsync.domain.lookup.NamedItem;
import dev.fieldsync.domain.site.SiteDetails;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The reference data of {@link ScriptedGateway}, by lookup kind: sites (with their customer and details) and
 * statuses (with their state) are kept richer than their lookups show; any other kind is a plain list. Not
 * thread-safe: the gateway's lock guards it.
 */
final class ScriptedCatalog {
    private final Map<LookupKind<?>, List<?>> lists = new HashMap<>();
    private final Map<SiteId, ScriptedSite> sites = new LinkedHashMap<>();
    private final List<JobStatus> statuses = new ArrayList<>();
    private long nextSiteId = 3_065_756L;

    /** Replaces every lookup; sites go to the customers round-robin. */
    void seed(
            List<NamedItem<CustomerId>> customers,
            List<NamedItem<SiteId>> seededSites,
            List<NamedItem<ProjectId>> projects,
            List<NamedItem<JobTypeId>> jobTypes,
            List<JobStatus> seededStatuses,
            List<CustomFieldDef> customFields) {
        if (!seededSites.isEmpty() && customers.isEmpty()) {
            throw new IllegalArgumentException("sites need at least one customer to belong to");
        }
        lists.clear();
        put(LookupKind.CUSTOMERS, customers);
        put(LookupKind.PROJECTS, projects);
        put(LookupKind.JOB_TYPES, jobTypes);
        put(LookupKind.CUSTOM_FIELDS, customFields);
        sites.clear();
        for (int i = 0; i < seededSites.size(); i++) {
            NamedItem<SiteId> site = seededSites.get(i);
            sites.put(
                    site.id(),
                    new ScriptedSite(
                            site.id(), customers.get(i % customers.size()).id(), site.name(), emptyDetails()));
        }
        statuses.clear();
        statuses.addAll(seededStatuses);
    }

    <T> void put(LookupKind<T> kind, List<T> items) {
        if (kind == LookupKind.SITES || kind == LookupKind.JOB_STATUSES) {
            throw new IllegalArgumentException(
                    kind + " carry more than their lookup shows: seed them with " + "seedLookups() or putSite()");
        }
        lists.put(kind, List.copyOf(items));
    }

    /** Every item of a lookup, uncapped. */
    @SuppressWarnings("unchecked") // each list is stored under its own kind; sites and statuses are derived here
    <T> List<T> items(LookupKind<T> kind) {
        if (kind == LookupKind.SITES) {
            return (List<T>) sites.values().stream()
                    .map(site -> new NamedItem<>(site.id(), site.name()))
                    .toList();
        }
        if (kind == LookupKind.JOB_STATUSES) {
            return (List<T>) statuses.stream()
                    .map(status -> new NamedItem<>(status.id(), status.name()))
                    .toList();
        }
        return (List<T>) lists.getOrDefault(kind, List.of());
    }

    void putSite(ScriptedSite site) {
        if (!contains(LookupKind.CUSTOMERS, site.customer())) {
            throw new IllegalArgumentException(
                    "customer " + site.customer() + " is not seeded; seedLookups() it first");
        }
        sites.put(site.id(), site);
    }

    Optional<ScriptedSite> site(SiteId id) {
        return Optional.ofNullable(sites.get(id));
    }

    List<ScriptedSite> siteRecords() {
        return List.copyOf(sites.values());
    }

    SiteId nextSiteId() {
        while (sites.containsKey(SiteId.of(Long.toString(nextSiteId)))) {
            nextSiteId++;
        }
        return SiteId.of(Long.toString(nextSiteId++));
    }

    <I> boolean contains(LookupKind.Named<I> kind, I id) {
        return items(kind).stream().anyMatch(item -> item.id().equals(id));
    }

    String customerName(CustomerId id) {
        return items(LookupKind.CUSTOMERS).stream()
                .filter(c -> c.id().equals(id))
                .map(NamedItem::name)
                .findFirst()
                .orElse("");
    }

    Optional<CustomFieldDef> customField(String name) {
        return items(LookupKind.CUSTOM_FIELDS).stream()
                .filter(f -> f.externalName().equals(name))
                .findFirst();
    }

    JobStatus statusFor(JobState state) {
        return statuses.stream()
                .filter(status -> status.state() == state)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("the scripted gateway has no status with state "
                        + state.wireName() + "; seed one with seedLookups()"));
    }

    static SiteDetails emptyDetails() {
        return SiteDetails.NONE;
    }

    static ScriptedSite record(SiteId id, CustomerId customer, String name) {
        return new ScriptedSite(Objects.requireNonNull(id, "id"), customer, name, emptyDetails());
    }
}
