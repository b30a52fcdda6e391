package dev.fieldsync.adapters.vertx.wire;

import dev.fieldsync.domain.job.CancelRequest;
import dev.fieldsync.domain.job.JobDraft;
import dev.fieldsync.domain.job.JobPatch;
import dev.fieldsync.domain.site.SiteDetails;
import dev.fieldsync.domain.site.SiteDraft;
import dev.fieldsync.domain.site.SitePatch;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Builds the request bodies of the five writes; only members that are set are sent. */
public final class WriteBodies {
    private WriteBodies() {}

    public static JsonObject createJob(JobDraft draft) {
        JsonObject body = new JsonObject()
                .put("site", draft.site().value())
                .put("job_type", draft.jobType().value())
                .put("title", draft.title())
                .put("start_time", WireTimes.withOffset(draft.startTime()))
                .put("end_time", WireTimes.withOffset(draft.endTime()));
        putIfPresent(body, "notes", draft.notes());
        putIfPresent(body, "purchase_order_number", draft.purchaseOrderNumber());
        putIfPresent(body, "external_id", draft.externalId());
        putIfPresent(body, "project", draft.project().map(p -> p.value()));
        putCustomFields(body, draft.customFields());
        return body;
    }

    public static JsonObject updateJob(JobPatch patch) {
        JsonObject body = new JsonObject();
        putIfPresent(body, "title", patch.title());
        putIfPresent(body, "notes", patch.notes());
        putIfPresent(body, "start_time", patch.startTime().map(WireTimes::withOffset));
        putIfPresent(body, "end_time", patch.endTime().map(WireTimes::withOffset));
        putIfPresent(body, "purchase_order_number", patch.purchaseOrderNumber());
        putIfPresent(body, "external_id", patch.externalId());
        putCustomFields(body, patch.customFields());
        return body;
    }

    public static JsonObject cancel(CancelRequest request) {
        JsonObject body = new JsonObject();
        putIfPresent(body, "reason", request.reason());
        return body;
    }

    public static JsonObject createSite(SiteDraft draft) {
        JsonObject body = new JsonObject().put("customer", draft.customer().value());
        putDetails(body, draft.details());
        return body;
    }

    public static JsonObject updateSite(SitePatch patch) {
        JsonObject body = new JsonObject();
        putDetails(body, patch.details());
        return body;
    }

    private static void putDetails(JsonObject body, SiteDetails details) {
        putIfPresent(body, "business_name", details.businessName());
        putIfPresent(body, "address", details.address());
        putIfPresent(body, "first_name", details.firstName());
        putIfPresent(body, "last_name", details.lastName());
        putIfPresent(body, "mobile_number", details.mobileNumber());
        putIfPresent(body, "email", details.email());
        putIfPresent(body, "notes", details.notes());
        putIfPresent(body, "url", details.url());
        putIfPresent(body, "external_id", details.externalId());
    }

    private static void putCustomFields(JsonObject body, Map<String, String> customFields) {
        if (!customFields.isEmpty()) {
            body.put("custom_fields", new JsonObject(new TreeMap<String, Object>(customFields)));
        }
    }

    private static void putIfPresent(JsonObject body, String member, Optional<String> value) {
        value.ifPresent(v -> body.put(member, v));
    }
}
