package dev.fieldsync.sandbox;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;

/**
 * A job as the sandbox gateway holds it (the oracle view): the documented members plus what the gateway
 * never returns ({@code updatedAt}, job type, project, external id, purchase order number). Ids are
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
    String cancelReason) {}
