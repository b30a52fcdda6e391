package dev.fieldsync.sandbox;

import dev.fieldsync.sandbox.data.Catalog.CustomField;
import dev.fieldsync.sandbox.data.Job;
import dev.fieldsync.sandbox.data.Store;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A job as the sandbox gateway holds it (the oracle view): the documented members plus what the gateway
 * never returns ({@code updatedAt}, job type, project, external id, purchase order number), and whether it is out
 * of the keys' scope ({@link SandboxScope}: then no key lists or gets it). Ids are
 * strings, as on the wire; absent optional values are null (notes: "" when empty).
 */
public record SandboxJob(
        String id,
        String number,
        int seriesNumber,
        String title,
        String statusId,
        String statusName,
        String state,
        OffsetDateTime startTime,
        OffsetDateTime endTime,
        String customerId,
        String customerName,
        String siteId,
        String siteAddress,
        String notes,
        Map<String, String> customFields,
        Instant updatedAt,
        String jobTypeId,
        String projectId,
        String externalId,
        String purchaseOrderNumber,
        String cancelReason,
        boolean outOfScope) {

    /** A job as the sandbox holds it, with every member (the oracle's view). */
    static SandboxJob of(Job j, Store s) {
        Map<String, String> custom = new LinkedHashMap<>();
        if (j.customFields != null) {
            List<CustomField> defs = s.customFields();
            for (int i = 0; i < j.customFields.length; i++) {
                if (j.customFields[i] != null) {
                    custom.put(defs.get(i).externalName(), j.customFields[i]);
                }
            }
        }
        return new SandboxJob(
                Long.toString(j.id),
                Integer.toString(j.number),
                j.number,
                j.title,
                Long.toString(j.status.id()),
                j.status.name(),
                j.status.state().wire(),
                OffsetDateTime.ofInstant(
                        Instant.ofEpochSecond(j.startEpochSecond), ZoneOffset.ofTotalSeconds(j.startOffsetSeconds)),
                OffsetDateTime.ofInstant(
                        Instant.ofEpochSecond(j.endEpochSecond), ZoneOffset.ofTotalSeconds(j.endOffsetSeconds)),
                Long.toString(j.site.customer.id()),
                j.site.customer.name(),
                Long.toString(j.site.id),
                j.site.address == null ? "" : j.site.address,
                j.notes == null ? "" : j.notes,
                Collections.unmodifiableMap(custom),
                Instant.ofEpochMilli(j.updatedAtMillis()),
                Long.toString(j.jobType.id()),
                j.project == null ? null : Long.toString(j.project.id()),
                j.externalId,
                j.purchaseOrderNumber,
                j.cancelReason,
                j.outOfScope());
    }

    /** Every job of the store, by id. */
    static List<SandboxJob> all(Store s) {
        synchronized (s) {
            List<SandboxJob> out = new ArrayList<>(s.jobCount());
            for (int i = 0; i < s.jobCount(); i++) {
                out.add(of(s.jobAt(i), s));
            }
            return out;
        }
    }

    /** One job of the store, by its numeric id (null: none). */
    static Optional<SandboxJob> find(Store s, Long id) {
        synchronized (s) {
            Job j = id == null ? null : s.job(id);
            return j == null ? Optional.empty() : Optional.of(of(j, s));
        }
    }
}
