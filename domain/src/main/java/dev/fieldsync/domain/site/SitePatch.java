package dev.fieldsync.domain.site;

import dev.fieldsync.domain.validation.FieldRules;
import dev.fieldsync.domain.validation.Validated;
import dev.fieldsync.domain.validation.Violation;
import java.util.Objects;

/** A valid change to a site: each member sent overwrites the gateway's value; the customer cannot change. */
public record SitePatch(SiteDetails details) {
    public SitePatch {
        Objects.requireNonNull(details, "details");
    }

    /** Checks every documented rule at once; refuses a customer change and an empty patch. */
    public static Validated<SitePatch> validate(SiteInput input) {
        FieldRules rules = new FieldRules();
        if (input.customer().isPresent()) {
            rules.add(Violation.of(
                    "customer",
                    "not-writable",
                    "a site's customer cannot be changed; create a new site for the other customer instead"));
        }
        SiteDetails details = SiteDetails.check(rules, input);
        if (input.isEmpty()) {
            rules.add(Violation.of("patch", "empty", "nothing to change: send at least one site member"));
        }
        if (rules.hasViolations()) {
            return Validated.invalid(rules.violations());
        }
        return Validated.valid(new SitePatch(details));
    }
}
