package dev.fieldsync.ports.in.write;

import dev.fieldsync.domain.id.SiteId;
import dev.fieldsync.domain.site.SiteInput;

/** Creates a site (customer by name or id); the new site joins the cached catalog at once. */
public interface CreateSite {

    WriteOutcome<SiteId> create(SiteInput site);
}
