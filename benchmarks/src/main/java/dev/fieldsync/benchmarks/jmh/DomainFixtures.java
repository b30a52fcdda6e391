package dev.fieldsync.benchmarks.jmh;

import dev.fieldsync.domain.id.CustomerId;
import dev.fieldsync.domain.id.JobId;
import dev.fieldsync.domain.id.JobNumber;
import dev.fieldsync.domain.id.JobTypeId;
import dev.fieldsync.domain.id.ProjectId;
import dev.fieldsync.domain.id.SiteId;
import dev.fieldsync.domain.id.StatusId;
import dev.fieldsync.domain.job.CustomerRef;
import dev.fieldsync.domain.job.Job;
import dev.fieldsync.domain.job.JobDraftInput;
import dev.fieldsync.domain.job.JobState;
import dev.fieldsync.domain.job.JobStatus;
import dev.fieldsync.domain.job.SiteRef;
import dev.fieldsync.domain.lookup.CustomFieldDef;
import dev.fieldsync.domain.lookup.LookupCatalog;
import dev.fieldsync.domain.lookup.LookupKind;
import dev.fieldsync.domain.lookup.NamedItem;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Realistic, deterministic inputs shared by the JMH benchmarks. */
final class DomainFixtures {
    private DomainFixtures() {}

    static Job job(int i) {
        OffsetDateTime start = OffsetDateTime.of(2026, 7, 1, 9, 0, 0, 0, ZoneOffset.ofHours(10))
                .plusHours(i % 500);
        return new Job(
                JobId.of(Integer.toString(21_000_000 + i)),
                JobNumber.of(Integer.toString(i)),
                i,
                i % 7 == 0,
                "Annual service " + i,
                new JobStatus(StatusId.of("68392"), "Tentative", JobState.PENDING),
                Optional.of(start),
                Optional.of(start.plusHours(2)),
                new CustomerRef(CustomerId.of("245715"), "Acme"),
                new SiteRef(SiteId.of(Integer.toString(3_065_000 + i % 90)), "Unit 3/24 Brand Dr, Pimpama QLD 4209"),
                i % 3 == 0 ? "" : "Gate code 1234; call ahead",
                Map.of("scope_of_work", "Install", "asset_tag", "AT-" + i),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
    }

    /** A catalog of 90 sites, 20 job types, 10 projects: near the gateway's 100-item cap. */
    static LookupCatalog catalog() {
        List<NamedItem<SiteId>> sites = new ArrayList<>();
        for (int i = 0; i < 90; i++) {
            sites.add(new NamedItem<>(SiteId.of(Integer.toString(3_065_000 + i)), "Site " + i + " Brand Dr Pimpama"));
        }
        List<NamedItem<JobTypeId>> types = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            types.add(new NamedItem<>(JobTypeId.of(Integer.toString(700 + i)), "Job type " + i));
        }
        List<NamedItem<ProjectId>> projects = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            projects.add(new NamedItem<>(ProjectId.of(Integer.toString(900 + i)), "Project " + i));
        }
        return LookupCatalog.fetchedAt(Instant.parse("2026-11-01T00:00:00Z"))
                .fetched(LookupKind.CUSTOMERS, List.of(new NamedItem<>(CustomerId.of("245715"), "Acme")))
                .fetched(LookupKind.SITES, sites)
                .fetched(LookupKind.PROJECTS, projects)
                .fetched(LookupKind.JOB_TYPES, types)
                .fetched(LookupKind.JOB_STATUSES, List.of(new NamedItem<>(StatusId.of("68392"), "Tentative")))
                .fetched(
                        LookupKind.CUSTOM_FIELDS,
                        List.of(
                                new CustomFieldDef("scope_of_work", "11", Optional.empty()),
                                new CustomFieldDef("asset_tag", "12", Optional.of(JobTypeId.of("705")))))
                .build();
    }

    static JobDraftInput draftInput() {
        return JobDraftInput.builder()
                .site("3065042")
                .jobType("705")
                .title("Replace hot water unit")
                .startTime("2026-07-01T09:00:00+10:00")
                .endTime("2026-07-01T11:00:00+10:00")
                .notes("Office note")
                .purchaseOrderNumber("PO-1234")
                .externalId("3f2b6c1e-0d7a-4c55-9d7e-1f2a3b4c5d6e")
                .project("903")
                .customFields(Map.of("scope_of_work", "Install", "asset_tag", "AT-9"))
                .build();
    }
}
