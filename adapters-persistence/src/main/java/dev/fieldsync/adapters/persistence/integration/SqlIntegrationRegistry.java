package dev.fieldsync.adapters.persistence.integration;

import dev.fieldsync.adapters.persistence.sql.Columns;
import dev.fieldsync.adapters.persistence.sql.Database;
import dev.fieldsync.adapters.persistence.sql.Dialect;
import dev.fieldsync.adapters.persistence.sql.Jdbc;
import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.domain.integration.Integration;
import dev.fieldsync.domain.integration.IntegrationBudget;
import dev.fieldsync.domain.integration.IntegrationOrigin;
import dev.fieldsync.domain.integration.SecretReference;
import dev.fieldsync.ports.out.store.IntegrationRegistry;
import io.micronaut.data.connection.ConnectionOperations;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.net.URI;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The registry in {@code fs_integration} (V12), one row per integration. A declaration updates the declared columns
 * and never {@code paused_at}, which belongs to the operator: on PostgreSQL one upsert (instances starting together
 * cannot overwrite a pause), on H2 (one process) an update, else an insert, in one transaction. {@link #remove} deletes
 * the integration's rows from every table with an {@code integration_id} column (found in the schema's metadata, so a
 * table added later is covered) and its shared budget bucket, in one transaction.
 */
@Singleton
public final class SqlIntegrationRegistry implements IntegrationRegistry {
    private static final String DECLARED = "gateway_url, key_ref, next_key_ref, webhook_secret_refs, sync_interval_ms,"
            + " budget_rate, budget_burst, budget_reserve, enabled, origin";
    private static final String SELECT = "SELECT integration_id, " + DECLARED + ", paused_at FROM fs_integration";
    private static final String INSERT =
            "INSERT INTO fs_integration (" + DECLARED + ", integration_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String UPSERT_POSTGRES = INSERT + " ON CONFLICT (integration_id) DO UPDATE SET "
            + "gateway_url = EXCLUDED.gateway_url, key_ref = EXCLUDED.key_ref, next_key_ref = EXCLUDED.next_key_ref, "
            + "webhook_secret_refs = EXCLUDED.webhook_secret_refs, sync_interval_ms = EXCLUDED.sync_interval_ms, "
            + "budget_rate = EXCLUDED.budget_rate, budget_burst = EXCLUDED.budget_burst, "
            + "budget_reserve = EXCLUDED.budget_reserve, enabled = EXCLUDED.enabled, origin = EXCLUDED.origin";
    private static final String UPDATE = "UPDATE fs_integration SET gateway_url = ?, key_ref = ?, next_key_ref = ?, "
            + "webhook_secret_refs = ?, sync_interval_ms = ?, budget_rate = ?, budget_burst = ?, budget_reserve = ?, "
            + "enabled = ?, origin = ? WHERE integration_id = ?";

    private final TransactionOperations<Connection> transactions;
    private final ConnectionOperations<Connection> connections;
    private final Dialect dialect;

    SqlIntegrationRegistry(
            TransactionOperations<Connection> transactions,
            ConnectionOperations<Connection> connections,
            Database database) {
        this.transactions = transactions;
        this.connections = connections;
        this.dialect = database.dialect();
    }

    @Override
    public Integration declare(Integration declared) {
        Objects.requireNonNull(declared, "declared");
        return Jdbc.inTransaction(transactions, "declaring integration " + declared.id(), connection -> {
            if (dialect == Dialect.POSTGRESQL) {
                write(connection, UPSERT_POSTGRES, declared);
            } else if (write(connection, UPDATE, declared) == 0) {
                write(connection, INSERT, declared);
            }
            return select(connection, declared.id()).orElseThrow();
        });
    }

    @Override
    public List<Integration> list() {
        return Jdbc.onConnection(connections, "listing the integrations", connection -> {
            try (PreparedStatement select = connection.prepareStatement(SELECT + " ORDER BY integration_id");
                    ResultSet rows = select.executeQuery()) {
                List<Integration> all = new ArrayList<>();
                while (rows.next()) {
                    all.add(integration(rows));
                }
                return all;
            }
        });
    }

    @Override
    public Optional<Integration> find(IntegrationId id) {
        return Jdbc.onConnection(connections, "reading integration " + id, connection -> select(connection, id));
    }

    @Override
    public Optional<Integration> setPaused(IntegrationId id, boolean paused, Instant at) {
        Objects.requireNonNull(at, "at");
        String sql = paused
                ? "UPDATE fs_integration SET paused_at = COALESCE(paused_at, ?) WHERE integration_id = ?"
                : "UPDATE fs_integration SET paused_at = NULL WHERE integration_id = ?";
        return Jdbc.inTransaction(
                transactions, (paused ? "pausing" : "resuming") + " integration " + id, connection -> {
                    try (PreparedStatement update = connection.prepareStatement(sql)) {
                        int index = 1;
                        if (paused) {
                            Columns.set(update, index++, at);
                        }
                        update.setString(index, id.value());
                        update.executeUpdate();
                    }
                    return select(connection, id);
                });
    }

    @Override
    public boolean create(Integration integration) {
        Objects.requireNonNull(integration, "integration");
        return Jdbc.inTransaction(transactions, "registering integration " + integration.id(), connection -> {
            if (dialect == Dialect.POSTGRESQL) {
                return write(connection, INSERT + " ON CONFLICT (integration_id) DO NOTHING", integration) == 1;
            }
            if (select(connection, integration.id()).isPresent()) {
                return false;
            }
            return write(connection, INSERT, integration) == 1;
        });
    }

    @Override
    public Optional<Integration> update(Integration integration) {
        Objects.requireNonNull(integration, "integration");
        return Jdbc.inTransaction(transactions, "updating integration " + integration.id(), connection -> {
            if (write(connection, UPDATE, integration) == 0) {
                return Optional.<Integration>empty();
            }
            return select(connection, integration.id());
        });
    }

    @Override
    public boolean remove(IntegrationId id) {
        return Jdbc.inTransaction(transactions, "removing integration " + id, connection -> {
            if (select(connection, id).isEmpty()) {
                return false;
            }
            for (String table : tablesKeyedByIntegration(connection)) {
                try (PreparedStatement delete =
                        connection.prepareStatement("DELETE FROM " + table + " WHERE integration_id = ?")) {
                    delete.setString(1, id.value());
                    delete.executeUpdate();
                }
            }
            try (PreparedStatement bucket = connection.prepareStatement("DELETE FROM fs_budget_bucket WHERE id = ?")) {
                bucket.setString(1, "fieldsync:" + id.value());
                bucket.executeUpdate();
            }
            return true;
        });
    }

    /** The fieldsync tables of the current schema with an integration_id column, fs_integration last. */
    private static List<String> tablesKeyedByIntegration(Connection connection) throws SQLException {
        List<String> tables = new ArrayList<>();
        DatabaseMetaData meta = connection.getMetaData();
        String schema = connection.getSchema();
        for (String column : List.of("integration_id", "INTEGRATION_ID")) {
            try (ResultSet columns = meta.getColumns(null, schema, "%", column)) {
                while (columns.next()) {
                    String table = columns.getString("TABLE_NAME");
                    if (table.toLowerCase(java.util.Locale.ROOT).matches("fs_[a-z0-9_]+")
                            && !tables.contains(table)
                            && !table.equalsIgnoreCase("fs_integration")) {
                        tables.add(table);
                    }
                }
            }
        }
        tables.add("fs_integration");
        return tables;
    }

    private static int write(Connection connection, String sql, Integration integration) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, integration.gatewayUrl().toString());
            statement.setString(2, integration.key().toString());
            Columns.setText(statement, 3, integration.nextKey().map(SecretReference::toString));
            statement.setString(
                    4,
                    String.join(
                            "\n",
                            integration.webhookSecrets().stream()
                                    .map(SecretReference::toString)
                                    .toList()));
            statement.setLong(5, integration.syncInterval().toMillis());
            statement.setInt(6, integration.budget().ratePerMinute());
            statement.setInt(7, integration.budget().burst());
            statement.setInt(8, integration.budget().backgroundReserve());
            statement.setBoolean(9, integration.enabled());
            statement.setString(10, integration.origin().name());
            statement.setString(11, integration.id().value());
            return statement.executeUpdate();
        }
    }

    private static Optional<Integration> select(Connection connection, IntegrationId id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(SELECT + " WHERE integration_id = ?")) {
            select.setString(1, id.value());
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(integration(rows)) : Optional.empty();
            }
        }
    }

    private static Integration integration(ResultSet rows) throws SQLException {
        String secrets = rows.getString("webhook_secret_refs");
        return new Integration(
                IntegrationId.of(rows.getString("integration_id")),
                URI.create(rows.getString("gateway_url")),
                SecretReference.parse(rows.getString("key_ref")),
                Columns.text(rows, "next_key_ref").map(SecretReference::parse),
                secrets.isEmpty()
                        ? List.of()
                        : Arrays.stream(secrets.split("\n"))
                                .map(SecretReference::parse)
                                .toList(),
                Duration.ofMillis(rows.getLong("sync_interval_ms")),
                new IntegrationBudget(
                        rows.getInt("budget_rate"), rows.getInt("budget_burst"), rows.getInt("budget_reserve")),
                rows.getBoolean("enabled"),
                IntegrationOrigin.valueOf(rows.getString("origin")),
                Columns.get(rows, "paused_at"));
    }
}
