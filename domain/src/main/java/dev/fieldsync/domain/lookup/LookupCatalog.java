package dev.fieldsync.domain.lookup;

import dev.fieldsync.domain.id.CustomerId;
import dev.fieldsync.domain.id.JobTypeId;
import dev.fieldsync.domain.id.ProjectId;
import dev.fieldsync.domain.id.SiteId;
import dev.fieldsync.domain.id.StatusId;
import dev.fieldsync.domain.job.JobDraft;
import dev.fieldsync.domain.validation.Violation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** An immutable snapshot of the six lookups, with the time it was fetched. */
public record LookupCatalog(
        Instant fetchedAt,
        Lookup<CustomerId> customers,
        Lookup<SiteId> sites,
        Lookup<ProjectId> projects,
        Lookup<JobTypeId> jobTypes,
        Lookup<StatusId> statuses,
        List<CustomFieldDef> customFields,
        boolean customFieldsPossiblyTruncated) {

    public LookupCatalog {
        Objects.requireNonNull(fetchedAt, "fetchedAt");
        Objects.requireNonNull(customers, "customers");
        Objects.requireNonNull(sites, "sites");
        Objects.requireNonNull(projects, "projects");
        Objects.requireNonNull(jobTypes, "jobTypes");
        Objects.requireNonNull(statuses, "statuses");
        customFields = List.copyOf(customFields);
    }

    /** Builds a snapshot from freshly fetched lists, flagging every lookup that came back at the cap. */
    public static LookupCatalog fetched(Instant fetchedAt, List<NamedItem<CustomerId>> customers,
            List<NamedItem<SiteId>> sites, List<NamedItem<ProjectId>> projects,
            List<NamedItem<JobTypeId>> jobTypes, List<NamedItem<StatusId>> statuses,
            List<CustomFieldDef> customFields) {
        return new LookupCatalog(fetchedAt, Lookup.fetched(customers), Lookup.fetched(sites),
                Lookup.fetched(projects), Lookup.fetched(jobTypes), Lookup.fetched(statuses), customFields,
                customFields.size() >= LookupKind.CAP);
    }

    /** The lookups that came back with exactly the cap and may hide further items. */
    public Set<LookupKind> possiblyTruncated() {
        Set<LookupKind> truncated = EnumSet.noneOf(LookupKind.class);
        if (customers.possiblyTruncated()) {
            truncated.add(LookupKind.CUSTOMERS);
        }
        if (sites.possiblyTruncated()) {
            truncated.add(LookupKind.SITES);
        }
        if (projects.possiblyTruncated()) {
            truncated.add(LookupKind.PROJECTS);
        }
        if (jobTypes.possiblyTruncated()) {
            truncated.add(LookupKind.JOB_TYPES);
        }
        if (statuses.possiblyTruncated()) {
            truncated.add(LookupKind.JOB_STATUSES);
        }
        if (customFieldsPossiblyTruncated) {
            truncated.add(LookupKind.CUSTOM_FIELDS);
        }
        return truncated;
    }

    /** How many items a lookup holds. */
    public int count(LookupKind kind) {
        return switch (kind) {
            case CUSTOMERS -> customers.items().size();
            case SITES -> sites.items().size();
            case PROJECTS -> projects.items().size();
            case JOB_TYPES -> jobTypes.items().size();
            case JOB_STATUSES -> statuses.items().size();
            case CUSTOM_FIELDS -> customFields.size();
        };
    }

    /** The custom fields a job of this type may carry. */
    public List<CustomFieldDef> customFieldsFor(JobTypeId jobType) {
        return customFields.stream().filter(field -> field.appliesTo(jobType)).toList();
    }

    public Optional<CustomFieldDef> customField(String externalName) {
        return customFields.stream().filter(field -> field.externalName().equals(externalName)).findFirst();
    }

    /** A copy in which the given site is known (the kit created it, so it is usable at once). */
    public LookupCatalog withSite(NamedItem<SiteId> site) {
        return new LookupCatalog(fetchedAt, customers, sites.with(site), projects, jobTypes, statuses, customFields,
                customFieldsPossiblyTruncated);
    }

    /**
     * Checks a draft against this snapshot: site, job type and project must be known, every custom field
     * mapped and allowed for the draft's job type. Returns every violation (empty when the draft fits).
     */
    public List<Violation> validate(JobDraft draft) {
        List<Violation> violations = new ArrayList<>();
        if (sites.byId(draft.site()).isEmpty()) {
            violations.add(unknownId("site", draft.site().value(), sites, LookupKind.SITES));
        }
        if (jobTypes.byId(draft.jobType()).isEmpty()) {
            violations.add(unknownId("job_type", draft.jobType().value(), jobTypes, LookupKind.JOB_TYPES));
        }
        draft.project().filter(project -> projects.byId(project).isEmpty())
                .ifPresent(project -> violations.add(unknownId("project", project.value(), projects, LookupKind.PROJECTS)));
        draft.customFields().keySet().stream().sorted().forEach(name -> {
            Optional<CustomFieldDef> field = customField(name);
            if (field.isEmpty()) {
                violations.add(Violation.of("custom_fields." + name, "unknown-custom-field",
                        "custom field '" + name + "' is not mapped for this integration; known fields: "
                                + customFields.stream().map(CustomFieldDef::externalName).sorted()
                                        .collect(Collectors.joining(", "))));
            } else if (!field.get().appliesTo(draft.jobType())) {
                violations.add(Violation.of("custom_fields." + name, "custom-field-not-for-job-type",
                        "custom field '" + name + "' applies only to job type "
                                + describe(jobTypes, field.get().jobType().get()) + ", not to "
                                + describe(jobTypes, draft.jobType())));
            }
        });
        return violations;
    }

    private static <I> Violation unknownId(String field, String id, Lookup<I> lookup, LookupKind kind) {
        String hint = lookup.possiblyTruncated()
                ? " (the " + kind.path() + " lookup returned 100 items and may be cut off; if the id is right, "
                        + "refresh the catalog or ask the gateway operator)"
                : "; refresh the lookups if it was added recently";
        return Violation.of(field, "unknown-id", field + " id " + id + " is not in the cached " + kind.path()
                + " lookup" + hint);
    }

    private static <I> String describe(Lookup<I> lookup, I id) {
        return lookup.byId(id).map(item -> "'" + item.name() + "' (" + id + ")").orElse(id.toString());
    }
}
