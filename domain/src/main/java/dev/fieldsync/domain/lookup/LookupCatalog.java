package dev.fieldsync.domain.lookup;

import dev.fieldsync.domain.id.JobTypeId;
import dev.fieldsync.domain.job.JobDraft;
import dev.fieldsync.domain.validation.Violation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An immutable snapshot of the lookups, keyed by {@link LookupKind}, with the time it was fetched. A kind the
 * snapshot does not hold (one added to the kit after it was stored) reads as empty.
 */
public final class LookupCatalog {
    private final Instant fetchedAt;
    private final Map<LookupKind<?>, Items<?>> lookups;

    private LookupCatalog(Instant fetchedAt, Map<LookupKind<?>, Items<?>> lookups) {
        this.fetchedAt = Objects.requireNonNull(fetchedAt, "fetchedAt");
        this.lookups = Map.copyOf(lookups);
    }

    /** One lookup's items and whether it came back at the cap. */
    private record Items<T>(List<T> items, boolean possiblyTruncated) {
        Items {
            items = List.copyOf(items);
        }
    }

    /** Starts a snapshot fetched at {@code fetchedAt}. */
    public static Builder fetchedAt(Instant fetchedAt) {
        return new Builder(fetchedAt);
    }

    public Instant fetchedAt() {
        return fetchedAt;
    }

    /** The items of a lookup, in the gateway's order. */
    @SuppressWarnings("unchecked") // the builder stores a kind's items only under that kind
    public <T> List<T> items(LookupKind<T> kind) {
        Items<?> held = lookups.get(kind);
        return held == null ? List.of() : (List<T>) held.items();
    }

    /** A named lookup, which resolves names and ids. */
    public <I> Lookup<I> lookup(LookupKind.Named<I> kind) {
        return new Lookup<>(items(kind), possiblyTruncated(kind));
    }

    /** Whether a lookup came back with exactly the cap and may hide further items. */
    public boolean possiblyTruncated(LookupKind<?> kind) {
        Items<?> held = lookups.get(kind);
        return held != null && held.possiblyTruncated();
    }

    /** The lookups that came back with exactly the cap and may hide further items, in kind order. */
    public Set<LookupKind<?>> possiblyTruncated() {
        Set<LookupKind<?>> truncated = new LinkedHashSet<>();
        LookupKind.all().stream().filter(this::possiblyTruncated).forEach(truncated::add);
        return truncated;
    }

    /** How many items a lookup holds. */
    public int count(LookupKind<?> kind) {
        return items(kind).size();
    }

    /** The custom fields a job of this type may carry. */
    public List<CustomFieldDef> customFieldsFor(JobTypeId jobType) {
        return items(LookupKind.CUSTOM_FIELDS).stream()
                .filter(field -> field.appliesTo(jobType))
                .toList();
    }

    public Optional<CustomFieldDef> customField(String externalName) {
        return items(LookupKind.CUSTOM_FIELDS).stream()
                .filter(field -> field.externalName().equals(externalName))
                .findFirst();
    }

    /** A copy in which the given item is known (e.g. a site the kit created, usable at once). */
    public <I> LookupCatalog with(LookupKind.Named<I> kind, NamedItem<I> item) {
        Map<LookupKind<?>, Items<?>> copy = new LinkedHashMap<>(lookups);
        Lookup<I> updated = lookup(kind).with(item);
        copy.put(kind, new Items<>(updated.items(), updated.possiblyTruncated()));
        return new LookupCatalog(fetchedAt, copy);
    }

    /**
     * Checks a draft against this snapshot: site, job type and project must be known, every custom field
     * mapped and allowed for the draft's job type. Returns every violation (empty when the draft fits).
     */
    public List<Violation> validate(JobDraft draft) {
        List<Violation> violations = new ArrayList<>();
        Lookup<JobTypeId> jobTypes = lookup(LookupKind.JOB_TYPES);
        unknownId(LookupKind.SITES, draft.site()).ifPresent(violations::add);
        unknownId(LookupKind.JOB_TYPES, draft.jobType()).ifPresent(violations::add);
        draft.project()
                .flatMap(project -> unknownId(LookupKind.PROJECTS, project))
                .ifPresent(violations::add);
        draft.customFields().keySet().stream().sorted().forEach(name -> {
            Optional<CustomFieldDef> field = customField(name);
            if (field.isEmpty()) {
                violations.add(Violation.of(
                        "custom_fields." + name,
                        "unknown-custom-field",
                        "custom field '" + name + "' is not mapped for this integration; known fields: "
                                + items(LookupKind.CUSTOM_FIELDS).stream()
                                        .map(CustomFieldDef::externalName)
                                        .sorted()
                                        .collect(Collectors.joining(", "))));
            } else if (!field.get().appliesTo(draft.jobType())) {
                violations.add(Violation.of(
                        "custom_fields." + name,
                        "custom-field-not-for-job-type",
                        "custom field '" + name + "' applies only to job type "
                                + describe(jobTypes, field.get().jobType().get()) + ", not to "
                                + describe(jobTypes, draft.jobType())));
            }
        });
        return violations;
    }

    private <I> Optional<Violation> unknownId(LookupKind.Named<I> kind, I id) {
        Lookup<I> lookup = lookup(kind);
        if (lookup.byId(id).isPresent()) {
            return Optional.empty();
        }
        String field = kind.field();
        String hint = lookup.possiblyTruncated()
                ? " (the " + kind.path() + " lookup returned 100 items and may be cut off; if the id is right, "
                        + "refresh the catalog or ask the gateway operator)"
                : "; refresh the lookups if it was added recently";
        return Optional.of(Violation.of(
                field, "unknown-id", field + " id " + id + " is not in the cached " + kind.path() + " lookup" + hint));
    }

    private static <I> String describe(Lookup<I> lookup, I id) {
        return lookup.byId(id).map(item -> "'" + item.name() + "' (" + id + ")").orElse(id.toString());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LookupCatalog that
                && fetchedAt.equals(that.fetchedAt)
                && LookupKind.all().stream()
                        .allMatch(kind -> items(kind).equals(that.items(kind))
                                && possiblyTruncated(kind) == that.possiblyTruncated(kind));
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                fetchedAt, LookupKind.all().stream().map(this::items).toList());
    }

    @Override
    public String toString() {
        return "LookupCatalog[fetchedAt=" + fetchedAt + ", "
                + LookupKind.all().stream()
                        .map(kind -> kind.key() + "=" + count(kind) + (possiblyTruncated(kind) ? "+" : ""))
                        .collect(Collectors.joining(", "))
                + "]";
    }

    /** Collects a snapshot's lookups; a kind left out is empty. */
    public static final class Builder {
        private final Instant fetchedAt;
        private final Map<LookupKind<?>, Items<?>> lookups = new LinkedHashMap<>();

        private Builder(Instant fetchedAt) {
            this.fetchedAt = Objects.requireNonNull(fetchedAt, "fetchedAt");
        }

        /** A freshly fetched list: flagged possibly truncated when it holds the cap. */
        public <T> Builder fetched(LookupKind<T> kind, List<T> items) {
            return stored(kind, items, items.size() >= LookupKind.CAP);
        }

        /** A list with its flag as stored earlier. */
        public <T> Builder stored(LookupKind<T> kind, List<T> items, boolean possiblyTruncated) {
            lookups.put(Objects.requireNonNull(kind, "kind"), new Items<>(items, possiblyTruncated));
            return this;
        }

        public LookupCatalog build() {
            return new LookupCatalog(fetchedAt, lookups);
        }
    }
}
