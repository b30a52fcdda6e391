package dev.fieldsync.adapters.persistence.submission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fieldsync.adapters.persistence.sql.Json;
import dev.fieldsync.domain.id.JobId;
import dev.fieldsync.domain.submission.SubmissionEvent;
import dev.fieldsync.domain.submission.SubmissionState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A submission's candidate jobs and its history as JSON arrays (null columns of older rows read as empty). */
final class ReviewJson {
    private ReviewJson() {}

    static String writeCandidates(List<JobId> candidates) {
        if (candidates.isEmpty()) {
            return null;
        }
        ArrayNode array = Json.object().arrayNode();
        candidates.forEach(job -> array.add(job.value()));
        return Json.write(array);
    }

    static List<JobId> readCandidates(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        List<JobId> candidates = new ArrayList<>();
        Json.read(text, "submission candidates").forEach(node -> candidates.add(JobId.of(node.asText())));
        return candidates;
    }

    static String writeHistory(List<SubmissionEvent> history) {
        if (history.isEmpty()) {
            return null;
        }
        ArrayNode array = Json.object().arrayNode();
        for (SubmissionEvent event : history) {
            ObjectNode node = array.addObject();
            node.put("at", event.at().toString());
            node.put("kind", event.kind().name());
            node.put("from", event.from().name());
            node.put("to", event.to().name());
            Json.putOptional(node, "actor", event.actor());
            node.put("detail", event.detail());
        }
        return Json.write(array);
    }

    static List<SubmissionEvent> readHistory(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        List<SubmissionEvent> history = new ArrayList<>();
        for (JsonNode node : Json.read(text, "submission history")) {
            history.add(new SubmissionEvent(
                    Instant.parse(Json.required(node, "at", "submission event")),
                    SubmissionEvent.Kind.valueOf(Json.required(node, "kind", "submission event")),
                    SubmissionState.valueOf(Json.required(node, "from", "submission event")),
                    SubmissionState.valueOf(Json.required(node, "to", "submission event")),
                    Json.optional(node, "actor"),
                    Json.optional(node, "detail").orElse("")));
        }
        return history;
    }
}
