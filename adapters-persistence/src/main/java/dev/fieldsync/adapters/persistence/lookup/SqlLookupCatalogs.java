package dev.fieldsync.adapters.persistence.lookup;

import dev.fieldsync.adapters.persistence.sql.Columns;
import dev.fieldsync.adapters.persistence.sql.Database;
import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.domain.lookup.LookupCatalog;
import dev.fieldsync.ports.out.store.LookupCatalogs;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Objects;
import java.util.Optional;

/** {@link LookupCatalogs} in table {@code fs_lookup_catalog}: each integration's whole snapshot as one JSON text. */
public final class SqlLookupCatalogs implements LookupCatalogs {
    private static final String UPDATE = "UPDATE fs_lookup_catalog SET fetched_at = ?, snapshot = ? WHERE integration_id = ?";
    private static final String INSERT = "INSERT INTO fs_lookup_catalog (fetched_at, snapshot, integration_id) VALUES (?, ?, ?)";

    private final Database database;

    public SqlLookupCatalogs(Database database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    @Override
    public Optional<LookupCatalog> load(IntegrationId integration) {
        Objects.requireNonNull(integration, "integration");
        return database.autoCommit("loading the lookup catalog of " + integration, connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT snapshot FROM fs_lookup_catalog WHERE integration_id = ?")) {
                select.setString(1, integration.value());
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? Optional.of(CatalogJson.read(row.getString(1))) : Optional.<LookupCatalog>empty();
                }
            }
        });
    }

    @Override
    public void save(IntegrationId integration, LookupCatalog catalog) {
        Objects.requireNonNull(integration, "integration");
        String snapshot = CatalogJson.write(Objects.requireNonNull(catalog, "catalog"));
        database.inTransaction("saving the lookup catalog of " + integration, connection -> {
            try (PreparedStatement update = connection.prepareStatement(UPDATE)) {
                Columns.set(update, 1, catalog.fetchedAt());
                update.setString(2, snapshot);
                update.setString(3, integration.value());
                if (update.executeUpdate() == 1) {
                    return null;
                }
            }
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                Columns.set(insert, 1, catalog.fetchedAt());
                insert.setString(2, snapshot);
                insert.setString(3, integration.value());
                insert.executeUpdate();
            }
            return null;
        });
    }
}
