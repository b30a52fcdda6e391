package dev.fieldsync.adapters.memory;

import dev.fieldsync.domain.id.CustomerId;
import dev.fieldsync.domain.id.SiteId;
import dev.fieldsync.domain.site.SiteDetails;
import java.util.Objects;

/** A site as {@link ScriptedGateway} keeps it: the customer it belongs to, the name its lookup shows, its details. */
public record ScriptedSite(SiteId id, CustomerId customer, String name, SiteDetails details) {
    public ScriptedSite {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(details, "details");
    }

    /** The address a job on this site shows. */
    public String address() {
        return details.address().orElse(name);
    }
}
