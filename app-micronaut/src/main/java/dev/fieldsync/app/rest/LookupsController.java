package dev.fieldsync.app.rest;

import dev.fieldsync.ports.in.lookup.ResolveLookups;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;

/** The cached lookup catalog (fetched only when missing or old, or on ?refresh=true: one request per lookup). */
@Controller("/api/lookups")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "lookups")
@SecurityRequirement(name = "bearer")
public class LookupsController {
    private final ResolveLookups lookups;

    public LookupsController(ResolveLookups lookups) {
        this.lookups = lookups;
    }

    @Get
    @Operation(
            summary = "Ids and names of customers, sites, projects, job types, statuses and custom fields",
            description = "fetched_at, one list per lookup (customers, sites, projects, job_types, job_statuses, "
                    + "custom_fields) with the members the gateway gives its items, and possibly_truncated.")
    public Map<String, Object> catalog(@Nullable @QueryValue String refresh) {
        boolean fresh = "true".equalsIgnoreCase(refresh);
        return CatalogView.of(fresh ? lookups.refresh() : lookups.catalog());
    }
}
