package dev.fieldsync.adapters.persistence.lookup;

import dev.fieldsync.adapters.persistence.sql.Jdbc;
import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.domain.lookup.LookupCatalog;
import dev.fieldsync.ports.out.store.LookupCatalogs;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link LookupCatalogs} in table {@code fs_lookup_catalog}: each integration's whole snapshot as one JSON text
 * ({@link CatalogJson}), through a Micronaut Data repository. The application's {@code CatalogService} holds the
 * snapshot in memory in front of it; a snapshot stored in an older format loads as absent, so it is fetched again.
 */
@Singleton
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
            return rows.findById(integration.value()).flatMap(row -> CatalogJson.read(row.snapshot()));
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
            transactions.executeWrite(
                    status -> rows.existsById(row.integrationId()) ? rows.update(row) : rows.save(row));
        } catch (DataAccessException e) {
            throw Jdbc.translate("saving the lookup catalog of " + integration, e);
        }
    }
}
