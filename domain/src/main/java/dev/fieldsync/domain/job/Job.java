package dev.fieldsync.domain.job;

import dev.fieldsync.domain.id.JobId;
import dev.fieldsync.domain.id.JobNumber;
import dev.fieldsync.domain.id.JobTypeId;
import dev.fieldsync.domain.id.ProjectId;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A job as the gateway lists it: every documented member, plus the optional members some gateways add
 * (external id, purchase order number, project, job type). Custom-field values are strings, as on the wire.
 */
public record Job(
        JobId id,
        JobNumber number,
        int seriesNumber,
        boolean primary,
        String title,
        JobStatus status,
        Optional<OffsetDateTime> startTime,
        Optional<OffsetDateTime> endTime,
        CustomerRef customer,
        SiteRef site,
        String notes,
        Map<String, String> customFields,
        Optional<String> externalId,
        Optional<String> purchaseOrderNumber,
        Optional<ProjectId> project,
        Optional<JobTypeId> jobType) {

    public Job {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(startTime, "startTime");
        Objects.requireNonNull(endTime, "endTime");
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(site, "site");
        notes = notes == null ? "" : notes;
        // Sorted and immutable, so equal jobs compare equal whatever order the members arrived in.
        customFields =
                customFields == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(customFields));
        Objects.requireNonNull(externalId, "externalId");
        Objects.requireNonNull(purchaseOrderNumber, "purchaseOrderNumber");
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(jobType, "jobType");
    }

    public JobState state() {
        return status.state();
    }

    /** The content fingerprint used to tell new, changed and unchanged jobs apart. */
    public JobFingerprint fingerprint() {
        return JobFingerprint.of(this);
    }

    /** A copy with another status (used for provisional updates from webhooks). */
    public Job withStatus(JobStatus newStatus) {
        return new Job(
                id,
                number,
                seriesNumber,
                primary,
                title,
                newStatus,
                startTime,
                endTime,
                customer,
                site,
                notes,
                customFields,
                externalId,
                purchaseOrderNumber,
                project,
                jobType);
    }

    /** A copy with another title (the office renames jobs). */
    public Job withTitle(String newTitle) {
        return new Job(
                id,
                number,
                seriesNumber,
                primary,
                newTitle,
                status,
                startTime,
                endTime,
                customer,
                site,
                notes,
                customFields,
                externalId,
                purchaseOrderNumber,
                project,
                jobType);
    }

    /** A copy with another window (the scheduling team confirms the actual time). */
    public Job withTimes(Optional<OffsetDateTime> newStart, Optional<OffsetDateTime> newEnd) {
        return new Job(
                id,
                number,
                seriesNumber,
                primary,
                title,
                status,
                newStart,
                newEnd,
                customer,
                site,
                notes,
                customFields,
                externalId,
                purchaseOrderNumber,
                project,
                jobType);
    }

    /** A copy with other notes. */
    public Job withNotes(String newNotes) {
        return new Job(
                id,
                number,
                seriesNumber,
                primary,
                title,
                status,
                startTime,
                endTime,
                customer,
                site,
                newNotes,
                customFields,
                externalId,
                purchaseOrderNumber,
                project,
                jobType);
    }
}
