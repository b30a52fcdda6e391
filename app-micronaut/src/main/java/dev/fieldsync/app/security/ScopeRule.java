package dev.fieldsync.app.security;

import dev.fieldsync.app.config.Scope;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.core.util.StringUtils;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.IpPatternsRule;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.security.rules.SecurityRuleResult;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.reactivestreams.Publisher;

/**
 * Enforces {@link ScopeTable} as Micronaut Security's rule: open rows are allowed to anyone, the others need an
 * authenticated caller (else 401) whose scopes include the row's (else 403). It decides every call, so no other
 * rule (nor an annotation) opens a path the table does not. Runs after {@link IpPatternsRule}, which can still
 * narrow the addresses allowed ({@code micronaut.security.ip-patterns}).
 */
@Singleton
public class ScopeRule implements SecurityRule<HttpRequest<?>> {
    static final int ORDER = IpPatternsRule.ORDER + 1;

    @Override
    public Publisher<SecurityRuleResult> check(HttpRequest<?> request, Authentication authentication) {
        Optional<Scope> needed = required(request);
        if (needed.isEmpty()) {
            return Publishers.just(SecurityRuleResult.ALLOWED);
        }
        boolean granted = authentication != null
                && authentication.getRoles().contains(needed.get().wireName());
        return Publishers.just(granted ? SecurityRuleResult.ALLOWED : SecurityRuleResult.REJECTED);
    }

    /** The scope a request needs, empty for the open rows. */
    static Optional<Scope> required(HttpRequest<?> request) {
        return ScopeTable.decide(
                        request.getMethodName(),
                        request.getPath(),
                        flag -> request.getParameters()
                                .getFirst(flag)
                                .map(value -> StringUtils.TRUE.equalsIgnoreCase(value.strip()))
                                .orElse(false))
                .scope();
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
