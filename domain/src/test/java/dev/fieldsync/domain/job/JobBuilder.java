package dev.fieldsync.domain.job;

import dev.fieldsync.domain.id.CustomerId;
import dev.fieldsync.domain.id.JobId;
import dev.fieldsync.domain.id.JobNumber;
import dev.fieldsync.domain.id.JobTypeId;
import dev.fieldsync.domain.id.ProjectId;
import dev.fieldsync.domain.id.SiteId;
import dev.fieldsync.domain.id.StatusId;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;

/** A mutable test builder for {@link Job}, starting from the job of GATEWAY-API.md §6. */
final class JobBuilder {
    JobId id = JobId.of("21172159");
    JobNumber number = JobNumber.of("16");
    int seriesNumber = 16;
    boolean primary = true;
    String title = "Annual service";
    JobStatus status = new JobStatus(StatusId.of("68392"), "Tentative", JobState.PENDING);
    Optional<OffsetDateTime> startTime = Optional.of(OffsetDateTime.parse("2026-07-01T09:00:00+10:00"));
    Optional<OffsetDateTime> endTime = Optional.of(OffsetDateTime.parse("2026-07-01T11:00:00+10:00"));
    CustomerRef customer = new CustomerRef(CustomerId.of("245715"), "Acme");
    SiteRef site = new SiteRef(SiteId.of("3065756"), "Unit 3/24 Brand Dr, Pimpama QLD 4209");
    String notes = "";
    Map<String, String> customFields = Map.of("scope_of_work", "Install", "access_notes", "gate");
    Optional<String> externalId = Optional.empty();
    Optional<String> purchaseOrderNumber = Optional.empty();
    Optional<ProjectId> project = Optional.empty();
    Optional<JobTypeId> jobType = Optional.empty();

    Job build() {
        return new Job(
                id,
                number,
                seriesNumber,
                primary,
                title,
                status,
                startTime,
                endTime,
                customer,
                site,
                notes,
                customFields,
                externalId,
                purchaseOrderNumber,
                project,
                jobType);
    }
}
