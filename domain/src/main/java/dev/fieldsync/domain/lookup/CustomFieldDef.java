package dev.fieldsync.domain.lookup;

import dev.fieldsync.domain.id.JobTypeId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/** A custom field mapped for the integration; {@code jobType} empty means "any job type". */
public record CustomFieldDef(String externalName, String fiFieldId, Optional<JobTypeId> jobType) {
    public CustomFieldDef {
        Objects.requireNonNull(externalName, "externalName");
        fiFieldId = fiFieldId == null ? "" : fiFieldId;
        Objects.requireNonNull(jobType, "jobType");
    }

    public boolean appliesTo(JobTypeId type) {
        return jobType.isEmpty() || jobType.get().equals(type);
    }

    /** Item shape {@code { "external_name", "fi_field_id", "job_type_id" }}; a null job type means any. */
    static CustomFieldDef read(LookupItemMembers members) {
        return new CustomFieldDef(
                members.required("external_name", Function.identity()),
                members.optionalId("fi_field_id", Function.identity()).orElse(""),
                members.optionalId("job_type_id", JobTypeId::of));
    }

    static Map<String, Optional<String>> members(CustomFieldDef field) {
        Map<String, Optional<String>> members = new LinkedHashMap<>();
        members.put("external_name", Optional.of(field.externalName()));
        members.put("fi_field_id", Optional.of(field.fiFieldId()));
        members.put("job_type_id", field.jobType().map(JobTypeId::value));
        return members;
    }
}
