package dev.fieldsync.adapters.persistence.integration;

import dev.fieldsync.adapters.persistence.sql.Columns;
import dev.fieldsync.adapters.persistence.sql.Database;
import dev.fieldsync.adapters.persistence.sql.Dialect;
import dev.fieldsync.adapters.persistence.sql.Jdbc;
import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.ports.out.integration.IntegrationLeases;
import io.micronaut.data.connection.ConnectionOperations;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Leases in {@code fs_integration_lease} and heartbeats in {@code fs_instance} (V13). The primary key makes one row,
 * so one holder, per integration; taking a lease is one statement on PostgreSQL (an upsert whose update applies only
 * when the lease expired or is the caller's own), so two instances cannot both win it.
 */
@Singleton
public final class SqlIntegrationLeases implements IntegrationLeases {
    private static final String ACQUIRE_POSTGRES = "INSERT INTO fs_integration_lease"
            + " (integration_id, holder, acquired_at, heartbeat_at, expires_at) VALUES (?, ?, ?, ?, ?)"
            + " ON CONFLICT (integration_id) DO UPDATE SET holder = EXCLUDED.holder,"
            + " acquired_at = CASE WHEN fs_integration_lease.holder = EXCLUDED.holder"
            + " THEN fs_integration_lease.acquired_at ELSE EXCLUDED.acquired_at END,"
            + " heartbeat_at = EXCLUDED.heartbeat_at, expires_at = EXCLUDED.expires_at"
            + " WHERE fs_integration_lease.expires_at <= EXCLUDED.heartbeat_at"
            + " OR fs_integration_lease.holder = EXCLUDED.holder";

    private final TransactionOperations<Connection> transactions;
    private final ConnectionOperations<Connection> connections;
    private final Dialect dialect;

    SqlIntegrationLeases(
            TransactionOperations<Connection> transactions,
            ConnectionOperations<Connection> connections,
            Database database) {
        this.transactions = transactions;
        this.connections = connections;
        this.dialect = database.dialect();
    }

    @Override
    public void heartbeat(String instance, Instant now, Duration ttl) {
        String sql = dialect == Dialect.POSTGRESQL
                ? "INSERT INTO fs_instance (instance_id, heartbeat_at, expires_at) VALUES (?, ?, ?)"
                        + " ON CONFLICT (instance_id) DO UPDATE SET heartbeat_at = EXCLUDED.heartbeat_at,"
                        + " expires_at = EXCLUDED.expires_at"
                : "MERGE INTO fs_instance (instance_id, heartbeat_at, expires_at) KEY (instance_id) VALUES (?, ?, ?)";
        Jdbc.inTransaction(transactions, "heartbeat of " + instance, connection -> {
            try (PreparedStatement upsert = connection.prepareStatement(sql)) {
                upsert.setString(1, instance);
                Columns.set(upsert, 2, now);
                Columns.set(upsert, 3, now.plus(ttl));
                return upsert.executeUpdate();
            }
        });
    }

    @Override
    public int liveInstances(Instant now) {
        return Jdbc.onConnection(connections, "counting live instances", connection -> {
            try (PreparedStatement count =
                    connection.prepareStatement("SELECT COUNT(*) FROM fs_instance WHERE expires_at > ?")) {
                Columns.set(count, 1, now);
                try (ResultSet row = count.executeQuery()) {
                    row.next();
                    return row.getInt(1);
                }
            }
        });
    }

    @Override
    public int forgetInstances(Instant expiredBefore) {
        return Jdbc.inTransaction(transactions, "forgetting instances gone for good", connection -> {
            try (PreparedStatement delete =
                    connection.prepareStatement("DELETE FROM fs_instance WHERE expires_at < ?")) {
                Columns.set(delete, 1, expiredBefore);
                return delete.executeUpdate();
            }
        });
    }

    @Override
    public boolean acquire(IntegrationId integration, String instance, Instant now, Duration ttl) {
        return Jdbc.inTransaction(transactions, "taking the lease of " + integration, connection -> {
            if (dialect == Dialect.POSTGRESQL) {
                try (PreparedStatement upsert = connection.prepareStatement(ACQUIRE_POSTGRES)) {
                    bind(upsert, integration, instance, now, ttl);
                    return upsert.executeUpdate() == 1;
                }
            }
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE fs_integration_lease SET holder = ?,"
                            + " heartbeat_at = ?, expires_at = ? WHERE integration_id = ? AND (expires_at <= ? OR holder = ?)")) {
                update.setString(1, instance);
                Columns.set(update, 2, now);
                Columns.set(update, 3, now.plus(ttl));
                update.setString(4, integration.value());
                Columns.set(update, 5, now);
                update.setString(6, instance);
                if (update.executeUpdate() == 1) {
                    return true;
                }
            }
            try (PreparedStatement exists =
                    connection.prepareStatement("SELECT 1 FROM fs_integration_lease WHERE integration_id = ?")) {
                exists.setString(1, integration.value());
                try (ResultSet row = exists.executeQuery()) {
                    if (row.next()) {
                        return false;
                    }
                }
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO fs_integration_lease"
                    + " (integration_id, holder, acquired_at, heartbeat_at, expires_at) VALUES (?, ?, ?, ?, ?)")) {
                bind(insert, integration, instance, now, ttl);
                return insert.executeUpdate() == 1;
            }
        });
    }

    @Override
    public int renew(String instance, Instant now, Duration ttl) {
        return Jdbc.inTransaction(transactions, "renewing the leases of " + instance, connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE fs_integration_lease"
                    + " SET heartbeat_at = ?, expires_at = ? WHERE holder = ? AND expires_at > ?")) {
                Columns.set(update, 1, now);
                Columns.set(update, 2, now.plus(ttl));
                update.setString(3, instance);
                Columns.set(update, 4, now);
                return update.executeUpdate();
            }
        });
    }

    @Override
    public void release(IntegrationId integration, String instance) {
        Jdbc.inTransaction(transactions, "releasing the lease of " + integration, connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM fs_integration_lease WHERE integration_id = ? AND holder = ?")) {
                delete.setString(1, integration.value());
                delete.setString(2, instance);
                return delete.executeUpdate();
            }
        });
    }

    @Override
    public List<IntegrationId> held(String instance, Instant now) {
        return ids("reading the leases of " + instance, "WHERE holder = ? AND expires_at > ?", instance, now);
    }

    @Override
    public List<IntegrationId> leased(Instant now) {
        return ids("reading the leases", "WHERE expires_at > ?", null, now);
    }

    @Override
    public Map<IntegrationId, String> holders(Instant now) {
        return Jdbc.onConnection(connections, "reading the lease holders", connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT integration_id, holder"
                    + " FROM fs_integration_lease WHERE expires_at > ? ORDER BY integration_id")) {
                Columns.set(select, 1, now);
                Map<IntegrationId, String> out = new LinkedHashMap<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        out.put(IntegrationId.of(rows.getString(1)), rows.getString(2));
                    }
                }
                return out;
            }
        });
    }

    private List<IntegrationId> ids(String operation, String where, String instance, Instant now) {
        return Jdbc.onConnection(connections, operation, connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT integration_id FROM fs_integration_lease " + where + " ORDER BY integration_id")) {
                int index = 1;
                if (instance != null) {
                    select.setString(index++, instance);
                }
                Columns.set(select, index, now);
                List<IntegrationId> out = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        out.add(IntegrationId.of(rows.getString(1)));
                    }
                }
                return out;
            }
        });
    }

    private static void bind(
            PreparedStatement statement, IntegrationId integration, String instance, Instant now, Duration ttl)
            throws SQLException {
        statement.setString(1, integration.value());
        statement.setString(2, instance);
        Columns.set(statement, 3, now);
        Columns.set(statement, 4, now);
        Columns.set(statement, 5, now.plus(ttl));
    }
}
