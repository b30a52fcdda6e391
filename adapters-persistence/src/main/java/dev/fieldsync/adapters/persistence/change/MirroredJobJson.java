package dev.fieldsync.adapters.persistence.change;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.fieldsync.adapters.persistence.sql.Json;
import dev.fieldsync.domain.id.CustomerId;
import dev.fieldsync.domain.id.JobId;
import dev.fieldsync.domain.id.JobNumber;
import dev.fieldsync.domain.id.JobTypeId;
import dev.fieldsync.domain.id.ProjectId;
import dev.fieldsync.domain.id.SiteId;
import dev.fieldsync.domain.id.StatusId;
import dev.fieldsync.domain.job.CustomerRef;
import dev.fieldsync.domain.job.Job;
import dev.fieldsync.domain.job.JobFingerprint;
import dev.fieldsync.domain.job.JobState;
import dev.fieldsync.domain.job.JobStatus;
import dev.fieldsync.domain.job.SiteRef;
import dev.fieldsync.domain.mirror.MirroredJob;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;

/**
 * A mirrored job as the JSON document a change row keeps (its storage format, not the API's): every member, times
 * as ISO-8601 text, instants truncated to microseconds as the mirror's columns keep them.
 */
final class MirroredJobJson {
    private static final String WHAT = "change job";

    private MirroredJobJson() {}

    /** Writes {@code mirrored} as the object's members (the caller opened it). */
    static void write(MirroredJob mirrored, JsonGenerator out) throws IOException {
        Job job = mirrored.job();
        out.writeStringField("id", job.id().value());
        out.writeStringField("number", job.number().value());
        out.writeNumberField("series", job.seriesNumber());
        out.writeBooleanField("primary", job.primary());
        out.writeStringField("title", job.title());
        out.writeStringField("statusId", job.status().id().value());
        out.writeStringField("statusName", job.status().name());
        out.writeStringField("state", job.state().name());
        Json.writeOptional(out, "start", job.startTime().map(OffsetDateTime::toString));
        Json.writeOptional(out, "end", job.endTime().map(OffsetDateTime::toString));
        out.writeStringField("customerId", job.customer().id().value());
        out.writeStringField("customerName", job.customer().name());
        out.writeStringField("siteId", job.site().id().value());
        out.writeStringField("siteAddress", job.site().address());
        out.writeStringField("notes", job.notes());
        out.writeObjectFieldStart("customFields");
        for (Map.Entry<String, String> field : job.customFields().entrySet()) {
            out.writeStringField(field.getKey(), field.getValue());
        }
        out.writeEndObject();
        Json.writeOptional(out, "externalId", job.externalId());
        Json.writeOptional(out, "purchaseOrder", job.purchaseOrderNumber());
        Json.writeOptional(out, "project", job.project().map(ProjectId::value));
        Json.writeOptional(out, "jobType", job.jobType().map(JobTypeId::value));
        out.writeStringField("fingerprint", mirrored.fingerprint().hex());
        out.writeStringField("firstSeenAt", micros(mirrored.firstSeenAt()));
        out.writeStringField("lastChangedAt", micros(mirrored.lastChangedAt()));
        Json.writeOptional(out, "provisional", mirrored.provisionalState().map(JobState::name));
        Json.writeOptional(out, "provisionalSince", mirrored.provisionalSince().map(MirroredJobJson::micros));
        out.writeStringField("firstListedBefore", micros(mirrored.firstListedBefore()));
        Json.writeOptional(out, "goneAt", mirrored.goneAt().map(MirroredJobJson::micros));
    }

    static MirroredJob read(JsonNode node) {
        Job job = new Job(
                JobId.of(text(node, "id")),
                JobNumber.of(text(node, "number")),
                node.path("series").asInt(),
                node.path("primary").asBoolean(),
                text(node, "title"),
                new JobStatus(
                        StatusId.of(text(node, "statusId")),
                        text(node, "statusName"),
                        JobState.valueOf(text(node, "state"))),
                Json.optional(node, "start").map(OffsetDateTime::parse),
                Json.optional(node, "end").map(OffsetDateTime::parse),
                new CustomerRef(CustomerId.of(text(node, "customerId")), text(node, "customerName")),
                new SiteRef(SiteId.of(text(node, "siteId")), text(node, "siteAddress")),
                text(node, "notes"),
                Json.strings(node.path("customFields")),
                Json.optional(node, "externalId"),
                Json.optional(node, "purchaseOrder"),
                Json.optional(node, "project").map(ProjectId::of),
                Json.optional(node, "jobType").map(JobTypeId::of));
        return new MirroredJob(
                job,
                new JobFingerprint(text(node, "fingerprint")),
                Instant.parse(text(node, "firstSeenAt")),
                Instant.parse(text(node, "lastChangedAt")),
                Json.optional(node, "provisional").map(JobState::valueOf),
                Json.optional(node, "provisionalSince").map(Instant::parse),
                Instant.parse(text(node, "firstListedBefore")),
                Json.optional(node, "goneAt").map(Instant::parse));
    }

    private static String text(JsonNode node, String name) {
        return Json.required(node, name, WHAT);
    }

    private static String micros(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS).toString();
    }

    static Optional<MirroredJob> readOptional(JsonNode node) {
        return node == null || node.isNull() ? Optional.empty() : Optional.of(read(node));
    }
}
