package dev.fieldsync.domain.job;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A job to create, as a person or another system typed it: every member may be absent, times are text, and site,
 * job type and project may be names that the lookup catalog resolves to ids. A custom field sent without a value
 * is kept as an empty Optional, so validation reports it instead of a caller's NullPointerException. Build one with
 * {@link #builder()}.
 */
public record JobDraftInput(
        Optional<String> site,
        Optional<String> jobType,
        Optional<String> title,
        Optional<String> startTime,
        Optional<String> endTime,
        Optional<String> notes,
        Optional<String> purchaseOrderNumber,
        Optional<String> externalId,
        Optional<String> project,
        Map<String, Optional<String>> customFields) {

    public JobDraftInput {
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(jobType, "jobType");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(startTime, "startTime");
        Objects.requireNonNull(endTime, "endTime");
        Objects.requireNonNull(notes, "notes");
        Objects.requireNonNull(purchaseOrderNumber, "purchaseOrderNumber");
        Objects.requireNonNull(externalId, "externalId");
        Objects.requireNonNull(project, "project");
        customFields = CustomFieldInput.copy(customFields);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The custom fields with their values, when every one has a value. */
    public Optional<Map<String, String>> customFieldValues() {
        return CustomFieldInput.values(customFields);
    }

    /** A copy with site, job type and project replaced (after resolving names to ids). */
    public JobDraftInput withReferences(
            Optional<String> newSite, Optional<String> newJobType, Optional<String> newProject) {
        return new JobDraftInput(
                newSite,
                newJobType,
                title,
                startTime,
                endTime,
                notes,
                purchaseOrderNumber,
                externalId,
                newProject,
                customFields);
    }

    /** A copy with another external id. */
    public JobDraftInput withExternalId(String newExternalId) {
        return new JobDraftInput(
                site,
                jobType,
                title,
                startTime,
                endTime,
                notes,
                purchaseOrderNumber,
                Optional.of(newExternalId),
                project,
                customFields);
    }

    /** Collects the members; a setter given null leaves its member absent. */
    public static final class Builder {
        private String site;
        private String jobType;
        private String title;
        private String startTime;
        private String endTime;
        private String notes;
        private String purchaseOrderNumber;
        private String externalId;
        private String project;
        private final Map<String, Optional<String>> customFields = new LinkedHashMap<>();

        private Builder() {}

        /** A site id or name. */
        public Builder site(String value) {
            site = value;
            return this;
        }
        /** A job type id or name. */
        public Builder jobType(String value) {
            jobType = value;
            return this;
        }

        public Builder title(String value) {
            title = value;
            return this;
        }
        /** ISO-8601 with an offset. */
        public Builder startTime(String value) {
            startTime = value;
            return this;
        }
        /** ISO-8601 with an offset. */
        public Builder endTime(String value) {
            endTime = value;
            return this;
        }

        public Builder notes(String value) {
            notes = value;
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
        /** A project id or name. */
        public Builder project(String value) {
            project = value;
            return this;
        }
        /** Adds the fields of {@code values} (a null map adds none; a null value is a field sent without one). */
        public Builder customFields(Map<String, String> values) {
            CustomFieldInput.addAll(customFields, values);
            return this;
        }

        public Builder customField(String name, String value) {
            CustomFieldInput.add(customFields, name, value);
            return this;
        }

        public JobDraftInput build() {
            return new JobDraftInput(
                    Optional.ofNullable(site),
                    Optional.ofNullable(jobType),
                    Optional.ofNullable(title),
                    Optional.ofNullable(startTime),
                    Optional.ofNullable(endTime),
                    Optional.ofNullable(notes),
                    Optional.ofNullable(purchaseOrderNumber),
                    Optional.ofNullable(externalId),
                    Optional.ofNullable(project),
                    customFields);
        }
    }

    /** The custom-field map of an input: insertion order kept, a field without a value as an empty Optional. */
    static final class CustomFieldInput {
        private CustomFieldInput() {}

        static Map<String, Optional<String>> copy(Map<String, Optional<String>> fields) {
            Map<String, Optional<String>> copy = new LinkedHashMap<>();
            Objects.requireNonNull(fields, "customFields")
                    .forEach((name, value) ->
                            copy.put(name == null ? "" : name, value == null ? Optional.empty() : value));
            return Collections.unmodifiableMap(copy);
        }

        static void addAll(Map<String, Optional<String>> fields, Map<String, String> values) {
            if (values != null) {
                values.forEach((name, value) -> add(fields, name, value));
            }
        }

        static void add(Map<String, Optional<String>> fields, String name, String value) {
            fields.put(name == null ? "" : name, Optional.ofNullable(value));
        }

        /** The values, when every field has one. */
        static Optional<Map<String, String>> values(Map<String, Optional<String>> fields) {
            if (fields.values().stream().anyMatch(Optional::isEmpty)) {
                return Optional.empty();
            }
            Map<String, String> values = new LinkedHashMap<>();
            fields.forEach((name, value) -> values.put(name, value.get()));
            return Optional.of(Collections.unmodifiableMap(values));
        }
    }
}
