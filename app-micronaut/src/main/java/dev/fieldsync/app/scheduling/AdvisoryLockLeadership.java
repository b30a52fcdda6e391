package dev.fieldsync.app.scheduling;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.zip.CRC32;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leadership through a PostgreSQL session-level advisory lock ({@code pg_try_advisory_lock}) held on a
 * dedicated connection: the instance whose connection holds the lock leads; if it dies, its session ends,
 * PostgreSQL frees the lock, and the next instance to try takes over. One lock per integration and change consumer
 * makes an instance that consumer's only deliverer. (Sync is led by leases, {@link LeaseSyncLeaderships}: they
 * balance many integrations over the instances; the per-integration constructor remains for a lock by name.)
 */
public final class AdvisoryLockLeadership implements SyncLeadership {
    private static final Logger LOG = LoggerFactory.getLogger(AdvisoryLockLeadership.class);

    private final DataSource dataSource;
    private final long lockKey;
    private final String role;
    private Connection connection;
    private volatile boolean leader;
    /** Released by this instance for a while, not lost to another: taking it again is not news worth a log line. */
    private boolean released;

    public AdvisoryLockLeadership(DataSource dataSource, String integration) {
        this(dataSource, "fieldsync-sync:" + integration, "sync");
    }

    private AdvisoryLockLeadership(DataSource dataSource, String lockName, String role) {
        this.dataSource = dataSource;
        this.lockKey = lockKeyFor(lockName);
        this.role = role;
    }

    /** The lock that makes one instance the only deliverer of {@code consumer}'s changes. */
    public static AdvisoryLockLeadership forConsumer(DataSource dataSource, String integration, String consumer) {
        return new AdvisoryLockLeadership(
                dataSource,
                "fieldsync-consumer:" + integration + ":" + consumer,
                "delivery to change consumer " + consumer);
    }

    /** A stable 64-bit lock key per name, so two integrations (or consumers) on one database run independently. */
    static long lockKeyFor(String lockName) {
        CRC32 crc = new CRC32();
        crc.update(lockName.getBytes(StandardCharsets.UTF_8));
        return 0x6669_656C_0000_0000L | crc.getValue();
    }

    @Override
    public synchronized boolean tryLead() {
        try {
            if (connection != null && leader && connection.isValid(2)) {
                return true;
            }
            closeQuietly();
            connection = dataSource.getConnection();
            connection.setAutoCommit(true);
            try (PreparedStatement lock = connection.prepareStatement("select pg_try_advisory_lock(?)")) {
                lock.setLong(1, lockKey);
                try (ResultSet result = lock.executeQuery()) {
                    leader = result.next() && result.getBoolean(1);
                }
            }
            if (!leader) {
                // Hand the connection back: holding it without the lock would only starve the pool.
                closeQuietly();
                released = false;
            } else if (!released) {
                LOG.info("this instance now leads {} (advisory lock {})", role, lockKey);
            }
            return leader;
        } catch (SQLException failure) {
            LOG.warn("could not check the lock of {}: {}", role, failure.getMessage());
            leader = false;
            closeQuietly();
            return false;
        }
    }

    @Override
    public boolean isLeader() {
        return leader;
    }

    /** Unlocks and hands the connection back; the next {@link #tryLead} takes the lock again if it is free. */
    @Override
    public synchronized void release() {
        boolean held = leader;
        close();
        released = held || released;
    }

    @Override
    public synchronized void close() {
        if (connection != null && leader) {
            try (PreparedStatement unlock = connection.prepareStatement("select pg_advisory_unlock(?)")) {
                unlock.setLong(1, lockKey);
                unlock.execute();
            } catch (SQLException ignored) {
                // Closing the session frees the lock anyway.
            }
        }
        leader = false;
        closeQuietly();
    }

    private void closeQuietly() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // Nothing to do: the connection is gone either way.
            }
            connection = null;
        }
    }
}
