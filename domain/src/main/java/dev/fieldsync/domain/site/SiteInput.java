package dev.fieldsync.domain.site;

/**
 * A site to create or change, as received: null members are absent. {@code customer} may be a name that
 * the lookup catalog resolves to an id; it is required on create and refused on update.
 */
public record SiteInput(
        String customer,
        String businessName,
        String address,
        String firstName,
        String lastName,
        String mobileNumber,
        String email,
        String notes,
        String url,
        String externalId) {

    /** A copy with the customer replaced (after resolving a name to an id). */
    public SiteInput withCustomer(String newCustomer) {
        return new SiteInput(newCustomer, businessName, address, firstName, lastName, mobileNumber, email, notes,
                url, externalId);
    }
}
