package dev.fieldsync.domain.site;

import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A site to create or change, as received: absent members are not sent. {@code customer} may be a name that the
 * lookup catalog resolves to an id; it is required on create and refused on update. Build one with
 * {@link #builder()}.
 */
public record SiteInput(
        Optional<String> customer,
        Optional<String> businessName,
        Optional<String> address,
        Optional<String> firstName,
        Optional<String> lastName,
        Optional<String> mobileNumber,
        Optional<String> email,
        Optional<String> notes,
        Optional<String> url,
        Optional<String> externalId) {

    public SiteInput {
        Stream.of(customer, businessName, address, firstName, lastName, mobileNumber, email, notes, url, externalId)
                .forEach(member -> Objects.requireNonNull(member, "a SiteInput member is null; use Optional.empty()"));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A copy with the customer replaced (after resolving a name to an id). */
    public SiteInput withCustomer(String newCustomer) {
        return new SiteInput(
                Optional.of(newCustomer),
                businessName,
                address,
                firstName,
                lastName,
                mobileNumber,
                email,
                notes,
                url,
                externalId);
    }

    /** Whether any member was sent. */
    public boolean isEmpty() {
        return Stream.of(
                        customer,
                        businessName,
                        address,
                        firstName,
                        lastName,
                        mobileNumber,
                        email,
                        notes,
                        url,
                        externalId)
                .allMatch(Optional::isEmpty);
    }

    /** Collects the members; a setter given null leaves its member absent. */
    public static final class Builder {
        private String customer;
        private String businessName;
        private String address;
        private String firstName;
        private String lastName;
        private String mobileNumber;
        private String email;
        private String notes;
        private String url;
        private String externalId;

        private Builder() {}

        /** A customer id or name. */
        public Builder customer(String value) {
            customer = value;
            return this;
        }

        public Builder businessName(String value) {
            businessName = value;
            return this;
        }

        public Builder address(String value) {
            address = value;
            return this;
        }

        public Builder firstName(String value) {
            firstName = value;
            return this;
        }

        public Builder lastName(String value) {
            lastName = value;
            return this;
        }

        public Builder mobileNumber(String value) {
            mobileNumber = value;
            return this;
        }

        public Builder email(String value) {
            email = value;
            return this;
        }

        public Builder notes(String value) {
            notes = value;
            return this;
        }

        public Builder url(String value) {
            url = value;
            return this;
        }

        public Builder externalId(String value) {
            externalId = value;
            return this;
        }

        public SiteInput build() {
            return new SiteInput(
                    Optional.ofNullable(customer),
                    Optional.ofNullable(businessName),
                    Optional.ofNullable(address),
                    Optional.ofNullable(firstName),
                    Optional.ofNullable(lastName),
                    Optional.ofNullable(mobileNumber),
                    Optional.ofNullable(email),
                    Optional.ofNullable(notes),
                    Optional.ofNullable(url),
                    Optional.ofNullable(externalId));
        }
    }
}
