package dev.fieldsync.app.rest;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;

/**
 * The request bodies, for the OpenAPI document. Bodies are read by {@link JsonBody} so that every field error
 * is reported at once; these records only describe them.
 */
final class Requests {
    private Requests() {}

    /** A job to create; site, job_type and project accept a name or an id. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    @Schema(
            name = "JobDraft",
            requiredProperties = {"site", "job_type", "title", "start_time", "end_time"})
    record JobDraft(
            @Schema(description = "site id or name") String site,
            @Schema(description = "job type id or name") String jobType,
            @Schema(maxLength = 200) String title,

            @Schema(description = "preferred start, ISO-8601 with offset", example = "2026-07-01T09:00:00+10:00")
            String startTime,

            @Schema(description = "preferred end, ISO-8601 with offset", example = "2026-07-01T11:00:00+10:00")
            String endTime,

            @Nullable @Schema(maxLength = 2000) String notes,
            @Nullable @Schema(maxLength = 100) String purchaseOrderNumber,

            @Nullable @Schema(maxLength = 36, description = "generated when absent")
            String externalId,

            @Nullable @Schema(description = "project id or name")
            String project,

            @Nullable Map<String, String> customFields) {}

    /** The writable members of a pending job; send only what changes. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    @Schema(name = "JobPatch")
    record JobPatch(
            @Nullable String title,
            @Nullable String notes,
            @Nullable String startTime,
            @Nullable String endTime,
            @Nullable String purchaseOrderNumber,
            @Nullable String externalId,
            @Nullable Map<String, String> customFields) {}

    /** A line to append to a job's notes. */
    @Serdeable
    @Schema(name = "Note")
    record Note(String text) {}

    /** Why a job is cancelled (shown to the scheduling team). */
    @Serdeable
    @Schema(name = "Cancel")
    record Cancel(@Nullable String reason) {}

    /** A site to create; customer accepts a name or an id. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    @Schema(
            name = "SiteInput",
            requiredProperties = {"customer"})
    record Site(
            String customer,
            @Nullable String businessName,
            @Nullable String address,
            @Nullable String firstName,
            @Nullable String lastName,
            @Nullable String mobileNumber,
            @Nullable String email,
            @Nullable String notes,
            @Nullable String url,
            @Nullable String externalId) {}

    /** Which job a submission became. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    @Schema(
            name = "Confirm",
            requiredProperties = {"job_id"})
    record Confirm(
            @Schema(description = "the job id, e.g. \"21172159\"")
            String jobId) {}

    /** Why a submission is given up (recorded in its history). */
    @Serdeable
    @Schema(name = "Abandon")
    record Abandon(@Nullable String reason) {}

    /** An integration to register or change; secrets only as references (env:NAME, file:PATH). */
    @Serdeable(naming = SnakeCaseStrategy.class)
    @Schema(
            name = "Integration",
            requiredProperties = {"id", "gateway_url", "key"})
    record Integration(
            @Schema(description = "1-63 of a-z 0-9 _ - (POST only)", example = "acme")
            String id,

            @Schema(example = "https://gateway.example") String gatewayUrl,

            @Schema(description = "where the API key comes from", example = "env:ACME_API_KEY")
            String key,

            @Nullable @Schema(description = "the next key of a rotation", example = "file:/run/secrets/acme-next")
            String nextKey,

            @Nullable List<String> webhookSecrets,

            @Nullable @Schema(example = "5m", description = "default 5m")
            String syncInterval,

            @Nullable @Schema(description = "default 38") Integer ratePerMinute,

            @Nullable @Schema(description = "default: the rate")
            Integer burst,

            @Nullable @Schema(description = "default min(4, burst - 1)")
            Integer backgroundReserve,

            @Nullable @Schema(description = "default true") Boolean enabled) {}
}
