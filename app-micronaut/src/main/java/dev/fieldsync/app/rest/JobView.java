package dev.fieldsync.app.rest;

import static java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME;

import dev.fieldsync.domain.job.Job;
import dev.fieldsync.domain.mirror.MirroredJob;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import java.time.Instant;
import java.util.Map;

/** A mirrored job as the API shows it: the gateway's members plus what the mirror knows. */
@Serdeable(naming = SnakeCaseStrategy.class)
public record JobView(
        String id,
        String number,
        int seriesNumber,
        boolean isPrimary,
        String title,
        Status status,
        @Nullable String startTime,
        @Nullable String endTime,
        Ref customer,
        Site site,
        String notes,
        Map<String, String> customFields,
        @Nullable String externalId,
        @Nullable String purchaseOrderNumber,
        @Nullable String project,
        @Nullable String jobType,
        String effectiveState,
        boolean provisional,
        Instant firstSeenAt,
        Instant lastChangedAt,
        @Nullable Instant goneAt) {

    /** The job's status: id, name and lifecycle state. */
    @Serdeable
    public record Status(String id, String name, String state) {}

    /** An id and a name. */
    @Serdeable
    public record Ref(String id, String name) {}

    /** The job's site: id and address. */
    @Serdeable
    public record Site(String id, String address) {}

    /** Times keep their seconds ("09:00:00+10:00", as the gateway sends them), unlike OffsetDateTime.toString(). */
    public static JobView of(MirroredJob mirrored) {
        Job job = mirrored.job();
        return new JobView(
                job.id().value(),
                job.number().value(),
                job.seriesNumber(),
                job.primary(),
                job.title(),
                new Status(
                        job.status().id().value(),
                        job.status().name(),
                        job.status().state().wireName()),
                job.startTime().map(ISO_OFFSET_DATE_TIME::format).orElse(null),
                job.endTime().map(ISO_OFFSET_DATE_TIME::format).orElse(null),
                new Ref(job.customer().id().value(), job.customer().name()),
                new Site(job.site().id().value(), job.site().address()),
                job.notes(),
                job.customFields(),
                job.externalId().orElse(null),
                job.purchaseOrderNumber().orElse(null),
                job.project().map(p -> p.value()).orElse(null),
                job.jobType().map(t -> t.value()).orElse(null),
                mirrored.effectiveState().wireName(),
                mirrored.isProvisional(),
                mirrored.firstSeenAt(),
                mirrored.lastChangedAt(),
                mirrored.goneAt().orElse(null));
    }
}
