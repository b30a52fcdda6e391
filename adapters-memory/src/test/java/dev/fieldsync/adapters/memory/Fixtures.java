package dev.fieldsync.adapters.memory;

import dev.fieldsync.domain.id.CustomerId;
import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.domain.id.JobId;
import dev.fieldsync.domain.id.JobNumber;
import dev.fieldsync.domain.id.JobTypeId;
import dev.fieldsync.domain.id.SiteId;
import dev.fieldsync.domain.id.StatusId;
import dev.fieldsync.domain.job.CustomerRef;
import dev.fieldsync.domain.job.Job;
import dev.fieldsync.domain.job.JobDraft;
import dev.fieldsync.domain.job.JobState;
import dev.fieldsync.domain.job.JobStatus;
import dev.fieldsync.domain.job.SiteRef;
import dev.fieldsync.domain.sync.SyncCheckpoint;
import dev.fieldsync.domain.sync.SyncWindow;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

/** Small builders shared by the tests of this module. */
final class Fixtures {
    static final IntegrationId ACME = IntegrationId.of("acme");
    static final IntegrationId OTHER = IntegrationId.of("other");
    static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
    static final OffsetDateTime START = OffsetDateTime.of(2026, 7, 1, 9, 0, 0, 0, ZoneOffset.ofHours(10));

    private Fixtures() {}

    static JobStatus status(JobState state) {
        return new JobStatus(StatusId.of(Integer.toString(100 + state.ordinal())), state.wireName(), state);
    }

    static Job job(long id, String title, JobState state) {
        return job(id, title, state, START);
    }

    static Job job(long id, String title, JobState state, OffsetDateTime start) {
        return new Job(
                JobId.of(Long.toString(id)),
                JobNumber.of(Long.toString(id % 10_000)),
                (int) (id % 10_000),
                true,
                title,
                status(state),
                Optional.of(start),
                Optional.of(start.plusHours(2)),
                new CustomerRef(CustomerId.of("245715"), "Acme"),
                new SiteRef(SiteId.of("3065756"), "Unit 3/24 Brand Dr"),
                "",
                Map.of(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
    }

    static SyncCheckpoint checkpointAfterPage(IntegrationId integration, String cursor, int jobs) {
        return SyncCheckpoint.initial(integration)
                .startPass(new SyncWindow(T0.minusSeconds(3600), T0), T0)
                .afterPage(Optional.ofNullable(cursor), jobs);
    }

    static JobDraft draft(
            SiteId site, JobTypeId type, String title, String externalId, Map<String, String> customFields) {
        return new JobDraft(
                site,
                type,
                title,
                START,
                START.plusHours(2),
                Optional.empty(),
                Optional.empty(),
                Optional.ofNullable(externalId),
                Optional.empty(),
                customFields);
    }
}
