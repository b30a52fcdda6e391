package dev.fieldsync.adapters.persistence.lookup;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** A row of {@code fs_lookup_catalog}: one integration's whole catalog snapshot as a JSON document. */
@MappedEntity(value = "fs_lookup_catalog", escape = false)
record CatalogRow(@Id String integrationId, Instant fetchedAt, String snapshot) {}
