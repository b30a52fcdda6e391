package dev.fieldsync.app.rest;

import io.micronaut.core.convert.ArgumentConversionContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.bind.binders.TypedRequestArgumentBinder;
import jakarta.inject.Singleton;
import java.security.Principal;
import java.util.Optional;

/**
 * Binds the request's principal (set by {@link ApiTokenFilter}) to a {@code Principal} argument, such as the
 * health endpoint's, which shows details to an authenticated caller only. Micronaut Security ships the same
 * binder: when the service moves to it, this class and the filter's attribute go.
 */
@Singleton
public class PrincipalBinder implements TypedRequestArgumentBinder<Principal> {

    @Override
    public Argument<Principal> argumentType() {
        return Argument.of(Principal.class);
    }

    @Override
    public BindingResult<Principal> bind(ArgumentConversionContext<Principal> context, HttpRequest<?> request) {
        Optional<Principal> principal = request.getUserPrincipal();
        return principal.isPresent() ? () -> principal : BindingResult.empty();
    }
}
