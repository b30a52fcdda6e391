package dev.fieldsync.domain.site;

import dev.fieldsync.domain.validation.FieldRules;
import java.util.Objects;
import java.util.Optional;

/** The optional members of a site (GATEWAY-API.md §7), each within its documented length. */
public record SiteDetails(
        Optional<String> businessName,
        Optional<String> address,
        Optional<String> firstName,
        Optional<String> lastName,
        Optional<String> mobileNumber,
        Optional<String> email,
        Optional<String> notes,
        Optional<String> url,
        Optional<String> externalId) {

    public static final int BUSINESS_NAME_MAX = 200;
    public static final int ADDRESS_MAX = 500;
    public static final int NAME_MAX = 100;
    public static final int MOBILE_MAX = 50;
    public static final int EMAIL_MAX = 200;
    public static final int NOTES_MAX = 2000;
    public static final int URL_MAX = 500;
    public static final int EXTERNAL_ID_MAX = 36;

    /** A site with none of the optional members set; the withers below fill it in. */
    public static final SiteDetails NONE = new SiteDetails(
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty());

    public SiteDetails {
        Objects.requireNonNull(businessName, "businessName");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(firstName, "firstName");
        Objects.requireNonNull(lastName, "lastName");
        Objects.requireNonNull(mobileNumber, "mobileNumber");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(notes, "notes");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(externalId, "externalId");
    }

    static SiteDetails check(FieldRules rules, SiteInput input) {
        return new SiteDetails(
                rules.optional("business_name", input.businessName(), BUSINESS_NAME_MAX),
                rules.optional("address", input.address(), ADDRESS_MAX),
                rules.optional("first_name", input.firstName(), NAME_MAX),
                rules.optional("last_name", input.lastName(), NAME_MAX),
                rules.optional("mobile_number", input.mobileNumber(), MOBILE_MAX),
                rules.optional("email", input.email(), EMAIL_MAX),
                rules.optional("notes", input.notes(), NOTES_MAX),
                rules.optional("url", input.url(), URL_MAX),
                rules.optional("external_id", input.externalId(), EXTERNAL_ID_MAX));
    }

    public boolean isEmpty() {
        return businessName.isEmpty()
                && address.isEmpty()
                && firstName.isEmpty()
                && lastName.isEmpty()
                && mobileNumber.isEmpty()
                && email.isEmpty()
                && notes.isEmpty()
                && url.isEmpty()
                && externalId.isEmpty();
    }

    public SiteDetails withBusinessName(String value) {
        return new SiteDetails(
                Optional.of(value), address, firstName, lastName, mobileNumber, email, notes, url, externalId);
    }

    public SiteDetails withAddress(String value) {
        return new SiteDetails(
                businessName, Optional.of(value), firstName, lastName, mobileNumber, email, notes, url, externalId);
    }

    public SiteDetails withEmail(String value) {
        return new SiteDetails(
                businessName, address, firstName, lastName, mobileNumber, Optional.of(value), notes, url, externalId);
    }

    /** The name the gateway's site lookup will most likely show for this site. */
    public Optional<String> displayName() {
        return businessName.or(() -> address);
    }
}
