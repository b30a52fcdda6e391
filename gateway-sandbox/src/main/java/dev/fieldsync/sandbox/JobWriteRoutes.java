package dev.fieldsync.sandbox;

import dev.fieldsync.sandbox.data.Catalog.CustomField;
import dev.fieldsync.sandbox.data.Catalog.JobType;
import dev.fieldsync.sandbox.data.Catalog.Project;
import dev.fieldsync.sandbox.data.Job;
import dev.fieldsync.sandbox.data.Site;
import dev.fieldsync.sandbox.data.State;
import dev.fieldsync.sandbox.data.Store;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;

/** Job create, update and cancel (GATEWAY-API.md §6): pending jobs only; custom fields mapped per job type. */
final class JobWriteRoutes {
    private final Gateway gateway;

    JobWriteRoutes(Gateway gateway) {
        this.gateway = gateway;
    }

    private static final Set<String> CREATE_JOB_FIELDS = Set.of(
            "site",
            "job_type",
            "title",
            "start_time",
            "end_time",
            "notes",
            "purchase_order_number",
            "external_id",
            "project",
            "custom_fields");
    private static final Set<String> PATCH_JOB_FIELDS =
            Set.of("title", "notes", "start_time", "end_time", "purchase_order_number", "external_id", "custom_fields");
    private static final Set<String> NOT_WRITABLE_JOB_FIELDS = Set.of("site", "job_type", "project");

    void createJob(RoutingContext ctx) {
        Store store = Gateway.tenant(ctx).store();
        JsonObject b = Bodies.body(ctx, false);
        Bodies.onlyKnown(b, CREATE_JOB_FIELDS);
        String siteRef = Bodies.string(b, "site", 1, 18, true);
        String typeRef = Bodies.string(b, "job_type", 1, 18, true);
        String title = Bodies.string(b, "title", 1, 200, true);
        OffsetDateTime start = Bodies.time(b, "start_time", true);
        OffsetDateTime end = Bodies.time(b, "end_time", true);
        String notes = Bodies.string(b, "notes", 0, 2000, false);
        String po = Bodies.string(b, "purchase_order_number", 0, 100, false);
        String externalId = Bodies.string(b, "external_id", 0, 36, false);
        String projectRef = Bodies.string(b, "project", 0, 64, false);
        JsonObject custom = customFieldsObject(b);
        if (!end.isAfter(start)) {
            throw ApiError.invalidBody("end_time must be after start_time");
        }
        Long siteId = Bodies.parseId(siteRef);
        Site site = siteId == null ? null : store.site(siteId);
        if (site == null) {
            throw ApiError.invalidBody("site is not a known site id");
        }
        Long typeId = Bodies.parseId(typeRef);
        JobType type = typeId == null ? null : store.jobType(typeId);
        if (type == null) {
            throw ApiError.invalidBody("job_type is not a known job type id");
        }
        Project project = null;
        if (projectRef != null) {
            Long projectId = Bodies.parseId(projectRef);
            project = projectId == null ? null : store.project(projectId);
            if (project == null) {
                throw ApiError.projectNotInScope();
            }
        }
        String[] values = customValues(store, custom, type, null);
        Job job = store.createJob(site, type, project, j -> {
            j.title = title;
            j.notes = notes == null || notes.isEmpty() ? null : notes;
            j.purchaseOrderNumber = po;
            j.externalId = externalId;
            j.startEpochSecond = start.toEpochSecond();
            j.startOffsetSeconds = start.getOffset().getTotalSeconds();
            j.endEpochSecond = end.toEpochSecond();
            j.endOffsetSeconds = end.getOffset().getTotalSeconds();
            j.customFields = values;
        });
        Gateway.tenant(ctx).events().jobCreated(job);
        switch (Gateway.tenant(ctx).faults().rollAmbiguousCreate()) {
            case 1 -> throw ApiError.internal();
            case 2 -> Http.drop(ctx);
            default -> Http.send(ctx, 201, "{\"id\":\"" + job.id + "\",\"number\":\"" + job.number + "\"}");
        }
    }

    void patchJob(RoutingContext ctx) {
        Store store = Gateway.tenant(ctx).store();
        JsonObject b = Bodies.body(ctx, false);
        for (String name : b.fieldNames()) {
            if (NOT_WRITABLE_JOB_FIELDS.contains(name)) {
                throw ApiError.fieldNotWritable(name);
            }
        }
        Bodies.onlyKnown(b, PATCH_JOB_FIELDS);
        String title = Bodies.string(b, "title", 1, 200, b.containsKey("title"));
        String notes = Bodies.string(b, "notes", 0, 2000, false);
        String po = Bodies.string(b, "purchase_order_number", 0, 100, false);
        String externalId = Bodies.string(b, "external_id", 0, 36, false);
        OffsetDateTime start = Bodies.time(b, "start_time", b.containsKey("start_time"));
        OffsetDateTime end = Bodies.time(b, "end_time", b.containsKey("end_time"));
        JsonObject custom = customFieldsObject(b);
        Job job = visibleJob(store, ctx.pathParam("id"));
        synchronized (store) {
            if (job.status.state() != State.PENDING) {
                throw ApiError.editingLocked();
            }
            long s = start != null ? start.toEpochSecond() : job.startEpochSecond;
            long e = end != null ? end.toEpochSecond() : job.endEpochSecond;
            if (e <= s) {
                throw ApiError.invalidBody("end_time must be after start_time");
            }
            String[] values = customValues(store, custom, job.jobType, job.customFields);
            if (b.isEmpty()) {
                Http.send(ctx, 204, null);
                return;
            }
            store.update(job, j -> {
                if (title != null) {
                    j.title = title;
                }
                if (b.containsKey("notes")) {
                    j.notes = notes == null || notes.isEmpty() ? null : notes;
                }
                if (b.containsKey("purchase_order_number")) {
                    j.purchaseOrderNumber = po;
                }
                if (b.containsKey("external_id")) {
                    j.externalId = externalId;
                }
                if (start != null) {
                    j.startEpochSecond = start.toEpochSecond();
                    j.startOffsetSeconds = start.getOffset().getTotalSeconds();
                }
                if (end != null) {
                    j.endEpochSecond = end.toEpochSecond();
                    j.endOffsetSeconds = end.getOffset().getTotalSeconds();
                }
                if (custom != null) {
                    j.customFields = values;
                }
            });
        }
        Http.send(ctx, 204, null);
    }

    void cancelJob(RoutingContext ctx) {
        Store store = Gateway.tenant(ctx).store();
        JsonObject b = Bodies.body(ctx, true);
        Bodies.onlyKnown(b, Set.of("reason"));
        String reason = Bodies.string(b, "reason", 0, 2000, false);
        Job job = visibleJob(store, ctx.pathParam("id"));
        synchronized (store) {
            if (job.status.state() != State.PENDING) {
                throw ApiError.cancellationLocked();
            }
            store.update(job, j -> {
                j.status = store.primaryStatus(State.CANCELLED);
                j.cancelReason = reason;
            });
        }
        Gateway.tenant(ctx).events().statusChanged(job, State.PENDING, State.CANCELLED);
        Http.send(ctx, 204, null);
    }

    private static Job visibleJob(Store store, String idParam) {
        Long id = Bodies.parseId(idParam);
        Job job = id == null ? null : store.visibleJob(id);
        if (job == null) {
            throw ApiError.notFound();
        }
        return job;
    }

    private static JsonObject customFieldsObject(JsonObject b) {
        if (!b.containsKey("custom_fields") || b.getValue("custom_fields") == null) {
            return null;
        }
        if (!(b.getValue("custom_fields") instanceof JsonObject cf)) {
            throw ApiError.invalidBody("custom_fields must be an object of string values");
        }
        for (String name : cf.fieldNames()) {
            if (!(cf.getValue(name) instanceof String v)) {
                throw ApiError.invalidBody("custom_fields values must be strings");
            }
            if (v.length() > 2000) {
                throw ApiError.invalidBody("custom_fields values must be at most 2000 characters");
            }
        }
        return cf;
    }

    /**
     * Merges the sent custom fields into a copy of {@code current}. An unknown name, or a name restricted
     * to another job type, is 400 unknown-custom-field (it is "not mapped" for that job).
     */
    private static String[] customValues(Store store, JsonObject custom, JobType type, String[] current) {
        if (custom == null) {
            return current;
        }
        List<CustomField> defs = store.customFields();
        String[] values = current == null ? new String[defs.size()] : current.clone();
        for (String name : custom.fieldNames()) {
            int idx = store.customFieldIndex(name);
            if (idx < 0) {
                throw ApiError.unknownCustomField(name);
            }
            Long restricted = defs.get(idx).jobTypeId();
            if (restricted != null && restricted != type.id()) {
                throw ApiError.unknownCustomField(name);
            }
            values[idx] = custom.getString(name);
        }
        for (String v : values) {
            if (v != null) {
                return values;
            }
        }
        return null;
    }
}
