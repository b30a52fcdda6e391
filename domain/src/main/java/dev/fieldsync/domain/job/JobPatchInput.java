package dev.fieldsync.domain.job;

import dev.fieldsync.domain.job.JobDraftInput.CustomFieldInput;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A change to a job as received: an absent member is not sent; an empty string is a value. Members that the
 * gateway does not let us write (site, job type, project) are carried so they can be refused with a clear message
 * instead of silently dropped. Build one with {@link #builder()}.
 */
public record JobPatchInput(
        Optional<String> title,
        Optional<String> notes,
        Optional<String> startTime,
        Optional<String> endTime,
        Optional<String> purchaseOrderNumber,
        Optional<String> externalId,
        Map<String, Optional<String>> customFields,
        Optional<String> site,
        Optional<String> jobType,
        Optional<String> project) {

    public JobPatchInput {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(notes, "notes");
        Objects.requireNonNull(startTime, "startTime");
        Objects.requireNonNull(endTime, "endTime");
        Objects.requireNonNull(purchaseOrderNumber, "purchaseOrderNumber");
        Objects.requireNonNull(externalId, "externalId");
        customFields = CustomFieldInput.copy(customFields);
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(jobType, "jobType");
        Objects.requireNonNull(project, "project");
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A patch that only replaces the notes. */
    public static JobPatchInput notes(String notes) {
        return builder().notes(notes).build();
    }

    /** Collects the members; a setter given null leaves its member absent. */
    public static final class Builder {
        private String title;
        private String notes;
        private String startTime;
        private String endTime;
        private String purchaseOrderNumber;
        private String externalId;
        private final Map<String, Optional<String>> customFields = new LinkedHashMap<>();
        private String site;
        private String jobType;
        private String project;

        private Builder() {}

        public Builder title(String value) {
            title = value;
            return this;
        }

        public Builder notes(String value) {
            notes = value;
            return this;
        }

        public Builder startTime(String value) {
            startTime = value;
            return this;
        }

        public Builder endTime(String value) {
            endTime = value;
            return this;
        }

        public Builder purchaseOrderNumber(String value) {
            purchaseOrderNumber = value;
            return this;
        }

        public Builder externalId(String value) {
            externalId = value;
            return this;
        }
        /** Adds the fields of {@code values} (a null map adds none; a null value is a field sent without one). */
        public Builder customFields(Map<String, String> values) {
            CustomFieldInput.addAll(customFields, values);
            return this;
        }
        /** Not writable: sent only to be refused with the reason. */
        public Builder site(String value) {
            site = value;
            return this;
        }
        /** Not writable: sent only to be refused with the reason. */
        public Builder jobType(String value) {
            jobType = value;
            return this;
        }
        /** Not writable: sent only to be refused with the reason. */
        public Builder project(String value) {
            project = value;
            return this;
        }

        public JobPatchInput build() {
            return new JobPatchInput(
                    Optional.ofNullable(title),
                    Optional.ofNullable(notes),
                    Optional.ofNullable(startTime),
                    Optional.ofNullable(endTime),
                    Optional.ofNullable(purchaseOrderNumber),
                    Optional.ofNullable(externalId),
                    customFields,
                    Optional.ofNullable(site),
                    Optional.ofNullable(jobType),
                    Optional.ofNullable(project));
        }
    }
}
