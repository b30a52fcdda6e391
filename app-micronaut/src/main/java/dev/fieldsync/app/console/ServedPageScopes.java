package dev.fieldsync.app.console;

import dev.fieldsync.app.rest.IntegrationScopes;
import dev.fieldsync.app.rest.ScopedIntegration;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

/** The console's integrations are the API's: resolved by {@link IntegrationScopes}, with the same refusals. */
@Singleton
class ServedPageScopes implements PageScopes {
    private final IntegrationScopes scopes;

    ServedPageScopes(IntegrationScopes scopes) {
        this.scopes = scopes;
    }

    @Override
    public PageScope resolve(@Nullable String integration) {
        ScopedIntegration served = scopes.resolve(integration);
        String id = served.id().value();
        return new PageScope(
                id,
                integration == null ? Layout.BASE : Layout.BASE + "/integrations/" + id,
                served.isDefault(),
                served.core().queryJobs(),
                served.changes(),
                served.core().reviewSubmissions(),
                served.core().submitJob());
    }
}
