package dev.fieldsync.adapters.persistence.lookup;

import dev.fieldsync.adapters.persistence.sql.Jdbc;
import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.domain.lookup.LookupCatalog;
import dev.fieldsync.ports.out.store.LookupCatalogs;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link LookupCatalogs} in table {@code fs_lookup_catalog}: each integration's whole snapshot as one JSON text,
 * through a Micronaut Data repository. Services inject the {@link CachedLookupCatalogs} in front of it (the
 * primary {@code LookupCatalogs} bean); this bean is named {@code "persisted"}.
 */
@Singleton
@Named("persisted")
public final class SqlLookupCatalogs implements LookupCatalogs {
    private final CatalogRepository rows;
    private final TransactionOperations<Connection> transactions;

    SqlLookupCatalogs(CatalogRepository rows, TransactionOperations<Connection> transactions) {
        this.rows = rows;
        this.transactions = transactions;
    }

    @Override
    public Optional<LookupCatalog> load(IntegrationId integration) {
        Objects.requireNonNull(integration, "integration");
        try {
            return rows.findById(integration.value()).map(row -> CatalogJson.read(row.snapshot()));
        } catch (DataAccessException e) {
            throw Jdbc.translate("loading the lookup catalog of " + integration, e);
        }
    }

    @Override
    public void save(IntegrationId integration, LookupCatalog catalog) {
        Objects.requireNonNull(integration, "integration");
        Objects.requireNonNull(catalog, "catalog");
        CatalogRow row = new CatalogRow(integration.value(), catalog.fetchedAt(), CatalogJson.write(catalog));
        try {
            transactions.executeWrite(status -> rows.existsById(row.integrationId()) ? rows.update(row) : rows.save(row));
        } catch (DataAccessException e) {
            throw Jdbc.translate("saving the lookup catalog of " + integration, e);
        }
    }
}
