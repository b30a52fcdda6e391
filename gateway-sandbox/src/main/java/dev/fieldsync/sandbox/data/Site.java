package dev.fieldsync.sandbox.data;

import java.time.ZoneId;

/** A site; mutable, guarded by the {@link Store} lock. */
public final class Site {
    public final long id;
    public final Catalog.Customer customer;
    public final ZoneId zone;
    public String businessName;
    public String address;
    public String firstName;
    public String lastName;
    public String mobileNumber;
    public String email;
    public String notes;
    public String url;
    public String externalId;

    public Site(long id, Catalog.Customer customer, ZoneId zone) {
        this.id = id;
        this.customer = customer;
        this.zone = zone;
    }

    /** Lookup name: business name, else address, else "Site &lt;id&gt;". */
    public String name() {
        if (businessName != null && !businessName.isBlank()) {
            return businessName;
        }
        if (address != null && !address.isBlank()) {
            return address;
        }
        return "Site " + id;
    }
}
