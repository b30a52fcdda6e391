package dev.fieldsync.adapters.vertx.wire;

import dev.fieldsync.domain.id.CustomerId;
import dev.fieldsync.domain.id.JobId;
import dev.fieldsync.domain.id.JobNumber;
import dev.fieldsync.domain.id.JobTypeId;
import dev.fieldsync.domain.id.ProjectId;
import dev.fieldsync.domain.id.SiteId;
import dev.fieldsync.domain.id.StatusId;
import dev.fieldsync.domain.job.CustomerRef;
import dev.fieldsync.domain.job.Job;
import dev.fieldsync.domain.job.JobState;
import dev.fieldsync.domain.job.JobStatus;
import dev.fieldsync.domain.job.SiteRef;
import dev.fieldsync.ports.out.gateway.CreatedJob;
import dev.fieldsync.ports.out.gateway.JobPage;
import java.time.OffsetDateTime;
import java.util.Optional;

/** Reads the job list and the create-job answer (GATEWAY-API.md §6). */
public final class JobWire {
    private JobWire() {}

    /** {@code { "jobs": [...], "next_cursor": "..." }}; a null, absent or empty cursor means the last page. */
    public static JobPage page(WireObject body) {
        var jobs = body.requireObjects("jobs", JobWire::job);
        Optional<String> cursor = body.optionalString("next_cursor").filter(c -> !c.isEmpty());
        return new JobPage(jobs, cursor);
    }

    /** One job: every documented member is required; external_id, purchase_order_number, project and job_type are optional. */
    public static Job job(WireObject json) {
        JobId id = json.convert("id", () -> JobId.of(json.requireString("id")));
        JobNumber number = json.convert("number", () -> JobNumber.of(json.requireString("number")));
        int seriesNumber = json.requireInt("series_number");
        boolean primary = json.requireBoolean("is_primary");
        String title = json.requireString("title");
        JobStatus status = status(json.requireObject("status"));
        Optional<OffsetDateTime> start = time(json, "start_time");
        Optional<OffsetDateTime> end = time(json, "end_time");
        WireObject customerJson = json.requireObject("customer");
        CustomerRef customer = customerJson.convert(
                "id",
                () -> new CustomerRef(
                        CustomerId.of(customerJson.requireString("id")), customerJson.requireString("name")));
        WireObject siteJson = json.requireObject("site");
        SiteRef site = siteJson.convert(
                "id", () -> new SiteRef(SiteId.of(siteJson.requireString("id")), siteJson.requireString("address")));
        String notes = json.optionalString("notes").orElse("");
        var customFields = json.stringMap("custom_fields");
        Optional<String> externalId = json.optionalString("external_id");
        Optional<String> purchaseOrder = json.optionalString("purchase_order_number");
        Optional<ProjectId> project =
                reference(json, "project").map(v -> json.convert("project", () -> ProjectId.of(v)));
        Optional<JobTypeId> jobType =
                reference(json, "job_type").map(v -> json.convert("job_type", () -> JobTypeId.of(v)));
        return new Job(
                id,
                number,
                seriesNumber,
                primary,
                title,
                status,
                start,
                end,
                customer,
                site,
                notes,
                customFields,
                externalId,
                purchaseOrder,
                project,
                jobType);
    }

    /** {@code { "id": "21172159", "number": "16" }}; the number is optional. */
    public static CreatedJob created(WireObject body) {
        JobId id = body.convert("id", () -> JobId.of(body.requireString("id")));
        Optional<JobNumber> number =
                body.optionalString("number").map(n -> body.convert("number", () -> JobNumber.of(n)));
        return new CreatedJob(id, number);
    }

    /** {@code { "id": "3065756" }}. */
    public static SiteId createdSite(WireObject body) {
        return body.convert("id", () -> SiteId.of(body.requireString("id")));
    }

    private static JobStatus status(WireObject json) {
        StatusId id = json.convert("id", () -> StatusId.of(json.requireString("id")));
        return new JobStatus(id, json.requireString("name"), JobState.fromWire(json.requireString("state")));
    }

    private static Optional<OffsetDateTime> time(WireObject json, String member) {
        return json.optionalString(member).map(text -> json.convert(member, () -> WireTimes.parseWithOffset(text)));
    }

    /** An undocumented reference member: an id string, or an object carrying one ({@code {"id": ...}}). */
    private static Optional<String> reference(WireObject json, String member) {
        if (json.isObject(member)) {
            return json.requireObject(member).optionalStringOrInteger("id");
        }
        return json.optionalStringOrInteger(member);
    }
}
