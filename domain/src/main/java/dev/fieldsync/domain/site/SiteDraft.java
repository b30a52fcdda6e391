package dev.fieldsync.domain.site;

import dev.fieldsync.domain.id.CustomerId;
import dev.fieldsync.domain.validation.FieldRules;
import dev.fieldsync.domain.validation.Validated;
import java.util.Objects;
import java.util.Optional;

/** A valid site to create: the customer (required) and the optional details. */
public record SiteDraft(CustomerId customer, SiteDetails details) {
    public SiteDraft {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(details, "details");
    }

    /** Checks every documented rule at once; the customer must already be an id. */
    public static Validated<SiteDraft> validate(SiteInput input) {
        FieldRules rules = new FieldRules();
        Optional<String> customer = rules.requiredId("customer", input.customer());
        SiteDetails details = SiteDetails.check(rules, input);
        if (rules.hasViolations()) {
            return Validated.invalid(rules.violations());
        }
        return Validated.valid(new SiteDraft(CustomerId.of(customer.get()), details));
    }
}
