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

/** The cached lookup catalog (fetched only when missing or old, or on ?refresh=true: six requests). */
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
    @Operation(summary = "Ids and names of customers, sites, projects, job types, statuses and custom fields")
    public Views.Catalog catalog(@Nullable @QueryValue String refresh) {
        boolean fresh = "true".equalsIgnoreCase(refresh);
        return Views.Catalog.of(fresh ? lookups.refresh() : lookups.catalog());
    }
}
