package dev.fieldsync.adapters.persistence.submission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fieldsync.adapters.persistence.sql.Json;
import dev.fieldsync.domain.id.JobTypeId;
import dev.fieldsync.domain.id.ProjectId;
import dev.fieldsync.domain.id.SiteId;
import dev.fieldsync.domain.job.JobDraft;
import java.time.OffsetDateTime;

/** A {@link JobDraft} as a JSON document; times keep their offsets exactly. */
final class DraftJson {
    private DraftJson() {}

    static String write(JobDraft draft) {
        ObjectNode node = Json.object();
        node.put("site", draft.site().value());
        node.put("jobType", draft.jobType().value());
        node.put("title", draft.title());
        node.put("startTime", draft.startTime().toString());
        node.put("endTime", draft.endTime().toString());
        Json.putOptional(node, "notes", draft.notes());
        Json.putOptional(node, "purchaseOrderNumber", draft.purchaseOrderNumber());
        Json.putOptional(node, "externalId", draft.externalId());
        Json.putOptional(node, "project", draft.project().map(ProjectId::value));
        ObjectNode fields = node.putObject("customFields");
        draft.customFields().entrySet().stream()
                .sorted(java.util.Map.Entry.comparingByKey())
                .forEach(entry -> fields.put(entry.getKey(), entry.getValue()));
        return Json.write(node);
    }

    static JobDraft read(String text) {
        JsonNode node = Json.read(text, "job draft");
        return new JobDraft(
                SiteId.of(Json.required(node, "site", "job draft")),
                JobTypeId.of(Json.required(node, "jobType", "job draft")),
                Json.required(node, "title", "job draft"),
                OffsetDateTime.parse(Json.required(node, "startTime", "job draft")),
                OffsetDateTime.parse(Json.required(node, "endTime", "job draft")),
                Json.optional(node, "notes"),
                Json.optional(node, "purchaseOrderNumber"),
                Json.optional(node, "externalId"),
                Json.optional(node, "project").map(ProjectId::of),
                Json.strings(node.path("customFields")));
    }
}
