package dev.fieldsync.ports.out.store.contract;

import dev.fieldsync.domain.id.CustomerId;
import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.domain.id.JobId;
import dev.fieldsync.domain.id.JobNumber;
import dev.fieldsync.domain.id.JobTypeId;
import dev.fieldsync.domain.id.ProjectId;
import dev.fieldsync.domain.id.SiteId;
import dev.fieldsync.domain.id.StatusId;
import dev.fieldsync.domain.job.CustomerRef;
import dev.fieldsync.domain.job.Job;
import dev.fieldsync.domain.job.JobDraft;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Test data: jobs, drafts and catalogs with every member set. */
public final class Fixtures {
    public static final Instant T0 = Instant.parse("2025-03-01T08:00:00.123456Z");

    private Fixtures() {}

    public static IntegrationId newIntegration() {
        return IntegrationId.of("it-" + UUID.randomUUID().toString().substring(0, 8));
    }

    /** Job {@code id} at site {@code 100 + id % 3}, customer {@code 200 + id % 2}, pending, starting id hours after T0. */
    public static Job job(long id) {
        JobState state = JobState.PENDING;
        return new Job(
                JobId.of(Long.toString(id)),
                JobNumber.of("N-" + id),
                1,
                true,
                "Repair pump " + id,
                new JobStatus(StatusId.of("1"), "Pending", state),
                Optional.of(OffsetDateTime.of(2025, 3, 1, 9, 0, 0, 0, ZoneOffset.ofHours(2))
                        .plusHours(id)),
                Optional.of(OffsetDateTime.of(2025, 3, 1, 11, 30, 0, 0, ZoneOffset.ofHours(2))
                        .plusHours(id)),
                new CustomerRef(CustomerId.of(Long.toString(200 + id % 2)), "Customer " + (id % 2)),
                new SiteRef(SiteId.of(Long.toString(100 + id % 3)), "1 Main St, unit " + (id % 3)),
                "notes for " + id,
                Map.of("color", "blue", "size", Long.toString(id)),
                Optional.of("ext-" + id),
                Optional.of("PO-" + id),
                Optional.of(ProjectId.of("7")),
                Optional.of(JobTypeId.of("3")));
    }

    public static Job withState(Job job, JobState state, String statusId) {
        return job.withStatus(new JobStatus(StatusId.of(statusId), state.name().toLowerCase(), state));
    }

    public static JobDraft draft(String externalId) {
        return new JobDraft(
                SiteId.of("101"),
                JobTypeId.of("3"),
                "Install heater",
                OffsetDateTime.of(2025, 4, 2, 8, 0, 0, 0, ZoneOffset.ofHours(-5)),
                OffsetDateTime.of(2025, 4, 2, 10, 0, 0, 0, ZoneOffset.ofHours(-5)),
                Optional.of("bring ladder"),
                Optional.empty(),
                Optional.of(externalId),
                Optional.of(ProjectId.of("7")),
                Map.of("color", "red"));
    }

    public static LookupCatalog catalog(Instant fetchedAt, String siteName) {
        return LookupCatalog.fetchedAt(fetchedAt)
                .fetched(
                        LookupKind.CUSTOMERS,
                        List.of(
                                new NamedItem<>(CustomerId.of("200"), "Acme"),
                                new NamedItem<>(CustomerId.of("201"), "Globex")))
                .fetched(LookupKind.SITES, List.of(new NamedItem<>(SiteId.of("101"), siteName)))
                .fetched(LookupKind.PROJECTS, List.of(new NamedItem<>(ProjectId.of("7"), "Spring")))
                .fetched(LookupKind.JOB_TYPES, List.of(new NamedItem<>(JobTypeId.of("3"), "Repair")))
                .fetched(LookupKind.JOB_STATUSES, List.of(new NamedItem<>(StatusId.of("1"), "Pending")))
                .fetched(
                        LookupKind.CUSTOM_FIELDS,
                        List.of(
                                new CustomFieldDef("color", "cf_1", Optional.empty()),
                                new CustomFieldDef("size", "cf_2", Optional.of(JobTypeId.of("3")))))
                .build();
    }
}
