package dev.fieldsync.app.rest;

import dev.fieldsync.ports.in.lookup.RefreshAnswer;
import dev.fieldsync.ports.in.lookup.ResolveLookups;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;

/**
 * The cached lookup catalog (fetched only when missing or old, or on ?refresh=true: one request per lookup, at most
 * once per {@code fieldsync.lookups.requested-refresh-interval}).
 */
@ProblemAnswers.Unauthorized
@ProblemAnswers.Forbidden
@ProblemAnswers.GatewayFailed
@ProblemAnswers.Unavailable
@Controller("/api")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "lookups")
@SecurityRequirement(name = "bearer")
public class LookupsController {
    static final String LOOKUPS = "/lookups";
    private final IntegrationScopes scope;

    public LookupsController(IntegrationScopes scope) {
        this.scope = scope;
    }

    @Get(uris = {LOOKUPS, IntegrationScopes.SCOPE + LOOKUPS})
    @Operation(
            summary = "Ids and names of customers, sites, projects, job types, statuses and custom fields",
            description = "fetched_at, one list per lookup (customers, sites, projects, job_types, job_statuses, "
                    + "custom_fields) with the members the gateway gives its items, and possibly_truncated. "
                    + "refresh=true fetches anew at most once per fieldsync.lookups.requested-refresh-interval (1m): "
                    + "refreshed says whether this call did, and a note says when the next one may.")
    public Map<String, Object> catalog(
            @Nullable @PathVariable String integration, @Nullable @QueryValue String refresh) {
        ResolveLookups lookups = scope.resolve(integration).core().lookups();
        if (!"true".equalsIgnoreCase(refresh)) {
            return CatalogView.of(lookups.catalog());
        }
        RefreshAnswer answer = lookups.requestRefresh();
        Map<String, Object> view = CatalogView.of(answer.catalog());
        view.put("refreshed", answer.refreshed());
        if (!answer.refreshed()) {
            view.put(
                    "note",
                    "A requested refresh already ran within fieldsync.lookups.requested-refresh-interval; this is "
                            + "the catalog fetched at " + answer.catalog().fetchedAt()
                            + ". The next refresh can run from " + answer.nextRefreshAllowedAt() + ".");
        }
        return view;
    }
}
