package dev.fieldsync.domain.job;

import dev.fieldsync.domain.id.SiteId;
import java.util.Objects;

/** The site of a job, as embedded in the job (id and address only). */
public record SiteRef(SiteId id, String address) {
    public SiteRef {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(address, "address");
    }
}
