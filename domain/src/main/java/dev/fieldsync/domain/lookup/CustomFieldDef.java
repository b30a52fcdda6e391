package dev.fieldsync.domain.lookup;

import dev.fieldsync.domain.id.JobTypeId;
import java.util.Objects;
import java.util.Optional;

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
}
