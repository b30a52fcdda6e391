package dev.fieldsync.benchmarks.harness;

import com.zaxxer.hikari.HikariDataSource;
import dev.fieldsync.sandbox.GatewaySandbox;
import dev.fieldsync.sandbox.SandboxKeys;
import dev.fieldsync.sandbox.SandboxOptions;
import dev.fieldsync.sandbox.SandboxTenant;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Many integrations on one instance: the sandbox (in this JVM, rate-limited, a still world: no scheduling team, no
 * office edits) with {@code integrations} tenants of {@code jobs} jobs each, and one service jar on a fresh PostgreSQL
 * schema with every tenant declared as an integration ({@code fieldsync.integrations.tenant-NNN.*}, its key by
 * {@code env:} reference) on the service's default budget (38/min, burst 38, reserve 4) and sync interval (5 min),
 * both scaled by the time scale like the sandbox's buckets. The settings' own integration ({@code bench}) serves the
 * sandbox's default tenant, which holds no jobs. No sweep (a sweep lists jobs beside the passes, by design).
 */
public final class Fleet implements AutoCloseable {
    public static final int RATE_PER_MINUTE = 38;
    public static final int BURST = 38;
    public static final int RESERVE = 4;
    /** The service's default sync interval, in seconds at the real rate. */
    public static final int SYNC_INTERVAL_SECONDS = 300;

    private final GatewaySandbox sandbox;
    private final List<SandboxTenant> tenants;
    private final Map<String, Integer> jobCounts = new HashMap<>();
    private final String schema;
    private final HikariDataSource db;
    private final int timeScale;
    private final String apiToken = "tok_" + HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
    private InstanceMeter.Mark launched;
    private ServiceProcess service;

    private Fleet(GatewaySandbox sandbox, List<SandboxTenant> tenants, String schema, int timeScale) {
        this.sandbox = sandbox;
        this.tenants = tenants;
        this.schema = schema;
        this.timeScale = timeScale;
        tenants.forEach(tenant -> jobCounts.put(tenant.name(), tenant.dump().size()));
        this.db = Databases.postgresFreshSchema(schema, 2);
    }

    /** Starts the sandbox with its tenants and a fresh schema; {@link #startService} starts the instance. */
    public static Fleet prepare(int integrations, int jobs, int timeScale) {
        GatewaySandbox sandbox = GatewaySandbox.start(SandboxOptions.defaults()
                .seed(15)
                .jobs(0)
                .rateLimited(true)
                .timeScale(timeScale)
                .schedulingRatePerSecond(0)
                .schedulerConfirms(false)
                .officeEdits(false)
                .port(0));
        try {
            sandbox.settings().people(false);
            List<SandboxTenant> tenants = sandbox.tenants().seed(integrations, jobs);
            return new Fleet(sandbox, tenants, "fs_fleet_" + (System.currentTimeMillis() % 1_000_000), timeScale);
        } catch (RuntimeException e) {
            sandbox.close();
            throw e;
        }
    }

    /** The sync interval the instance is given: the default 5 minutes at the time scale. */
    public String syncInterval() {
        return Math.max(1, SYNC_INTERVAL_SECONDS / timeScale) + "s";
    }

    /** Starts the one instance with {@code -Xmx<heap>} and the optimising JIT; returns when it serves. */
    public ServiceProcess startService(String heap) {
        Map<String, String> env = new HashMap<>();
        Map<String, String> properties = new HashMap<>();
        properties.put("fieldsync.sweep.enabled", "false");
        for (int n = 1; n <= tenants.size(); n++) {
            String prefix = "fieldsync.integrations." + tenants.get(n - 1).name();
            String variable = "FIELDSYNC_TENANT_KEY_" + n;
            env.put(variable, SandboxKeys.tenantKey(n));
            properties.put(prefix + ".gateway-url", sandbox.baseUrl());
            properties.put(prefix + ".key", "env:" + variable);
            properties.put(prefix + ".sync-interval", syncInterval());
            properties.put(prefix + ".budget.rate-per-minute", Integer.toString(RATE_PER_MINUTE * timeScale));
            properties.put(prefix + ".budget.burst", Integer.toString(BURST));
            properties.put(prefix + ".budget.background-reserve", Integer.toString(RESERVE));
        }
        env.put("FIELDSYNC_LEASES_HEARTBEAT_INTERVAL", "5s"); // the service's default, not the reliability tests' 1 s
        String random = HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
        ServiceProcess.Config config = new ServiceProcess.Config(
                "fleet",
                sandbox.baseUrl(),
                SandboxKeys.FULL,
                Databases.PG_URL + "?currentSchema=" + schema,
                Databases.PG_USER,
                Databases.PG_PASSWORD,
                true,
                timeScale,
                syncInterval(),
                apiToken,
                "whsec_" + random);
        launched = InstanceMeter.beforeLaunch();
        service = ServiceProcess.start(config, List.of("-Xmx" + heap), properties, env);
        return service;
    }

    /** The instance's API token (for its metrics); never print it. */
    public String apiToken() {
        return apiToken;
    }

    /** The counters just before the instance was launched (its CPU time was 0 then). */
    public InstanceMeter.Mark launched() {
        return launched;
    }

    public GatewaySandbox sandbox() {
        return sandbox;
    }

    public List<SandboxTenant> tenants() {
        return tenants;
    }

    /** How many jobs the tenant held when it was seeded (the sandbox's own count; the world stays still). */
    public int jobsOf(SandboxTenant tenant) {
        return jobCounts.get(tenant.name());
    }

    public int timeScale() {
        return timeScale;
    }

    /** The mirror's jobs not marked gone, by integration id, counted in the instance's schema. */
    public Map<String, Integer> mirrored() {
        Map<String, Integer> out = new HashMap<>();
        try (Connection c = db.getConnection();
                PreparedStatement select = c.prepareStatement(
                        "SELECT integration_id, count(*) FROM fs_job WHERE gone_at IS NULL GROUP BY integration_id");
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                out.put(rows.getString(1), rows.getInt(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not count the mirror in " + schema, e);
        }
        return out;
    }

    /** The job ids of one integration's mirror (not gone). */
    public Set<String> mirroredIds(String integration) {
        Set<String> out = new HashSet<>();
        try (Connection c = db.getConnection();
                PreparedStatement select =
                        c.prepareStatement("SELECT job_id FROM fs_job WHERE integration_id = ? AND gone_at IS NULL")) {
            select.setString(1, integration);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    out.add(rows.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read " + integration + "'s mirror in " + schema, e);
        }
        return out;
    }

    /** Stops the instance, the sandbox, and drops the schema. */
    @Override
    public void close() {
        try {
            if (service != null) {
                service.close();
            }
        } finally {
            sandbox.close();
            db.close();
            Databases.dropPostgresSchema(schema);
        }
    }
}
