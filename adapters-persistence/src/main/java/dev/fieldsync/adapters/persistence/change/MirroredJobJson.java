package dev.fieldsync.adapters.persistence.change;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * A mirrored job as the JSON document a change row keeps (its storage format, not the API's): every member, times
 * as ISO-8601 text, instants truncated to microseconds as the mirror's columns keep them.
 */
final class MirroredJobJson {
    private static final String WHAT = "change job";

    private MirroredJobJson() {}

    static ObjectNode write(MirroredJob mirrored) {
        Job job = mirrored.job();
        ObjectNode node = Json.object();
        node.put("id", job.id().value());
        node.put("number", job.number().value());
        node.put("series", job.seriesNumber());
        node.put("primary", job.primary());
        node.put("title", job.title());
        node.put("statusId", job.status().id().value());
        node.put("statusName", job.status().name());
        node.put("state", job.state().name());
        Json.putOptional(node, "start", job.startTime().map(OffsetDateTime::toString));
        Json.putOptional(node, "end", job.endTime().map(OffsetDateTime::toString));
        node.put("customerId", job.customer().id().value());
        node.put("customerName", job.customer().name());
        node.put("siteId", job.site().id().value());
        node.put("siteAddress", job.site().address());
        node.put("notes", job.notes());
        ObjectNode fields = node.putObject("customFields");
        job.customFields().forEach(fields::put);
        Json.putOptional(node, "externalId", job.externalId());
        Json.putOptional(node, "purchaseOrder", job.purchaseOrderNumber());
        Json.putOptional(node, "project", job.project().map(ProjectId::value));
        Json.putOptional(node, "jobType", job.jobType().map(JobTypeId::value));
        node.put("fingerprint", mirrored.fingerprint().hex());
        node.put("firstSeenAt", micros(mirrored.firstSeenAt()));
        node.put("lastChangedAt", micros(mirrored.lastChangedAt()));
        Json.putOptional(node, "provisional", mirrored.provisionalState().map(JobState::name));
        Json.putOptional(node, "provisionalSince", mirrored.provisionalSince().map(MirroredJobJson::micros));
        node.put("firstListedBefore", micros(mirrored.firstListedBefore()));
        Json.putOptional(node, "goneAt", mirrored.goneAt().map(MirroredJobJson::micros));
        return node;
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
