package dev.fieldsync.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.regex.Pattern;

/**
 * The sandbox's tenants, by name: {@code default} (the built-in keys, the embedded API's data) and those added with
 * a key of their own — one at a time ({@link #add}) or seeded in bulk ({@link #seed}). Also {@code /_sandbox/tenants}.
 */
public final class SandboxTenants {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");
    /** Most jobs in one tenant: its job ids must stay within its range. */
    public static final int MAX_JOBS = (int) SandboxTenant.JOB_ID_SPACING;

    /** Builds the n-th tenant. */
    interface Factory {
        SandboxTenant create(String name, int index, int jobs, long seed);
    }

    private final SandboxTenant defaultTenant;
    private final KeyRing keys;
    private final Factory factory;
    private final long baseSeed;
    private final Map<String, SandboxTenant> byName = new ConcurrentSkipListMap<>();
    private int added;

    SandboxTenants(SandboxTenant defaultTenant, KeyRing keys, Factory factory, long baseSeed) {
        this.defaultTenant = defaultTenant;
        this.keys = keys;
        this.factory = factory;
        this.baseSeed = baseSeed;
        byName.put(defaultTenant.name(), defaultTenant);
    }

    /**
     * A new tenant with one key of its own (every scope, its customers) and {@code jobs} generated from {@code seed};
     * the n-th added tenant's job ids start at {@code 21170000 + n * 1000000}, its sites' at {@code 3065700 + n *
     * 10000}, so no id is shared between tenants.
     */
    public synchronized SandboxTenant add(String name, String key, int jobs, long seed) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a tenant name is 1-63 of a-z, 0-9, '_', '-' (e.g. acme)");
        }
        if (byName.containsKey(name)) {
            throw new IllegalArgumentException("tenant " + name + " exists");
        }
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("a tenant needs a key");
        }
        if (keys.get(key) != null) {
            throw new IllegalArgumentException("that key is already one of tenant "
                    + keys.get(key).tenant().name() + "'s");
        }
        if (jobs < 0 || jobs > MAX_JOBS) {
            throw new IllegalArgumentException("jobs must be within 0.." + MAX_JOBS);
        }
        SandboxTenant tenant = factory.create(name, ++added, jobs, seed);
        byName.put(name, tenant);
        tenant.addKey(key);
        return tenant;
    }

    /**
     * {@code count} more tenants {@code tenant-001}, {@code tenant-002}, ... (numbered on from those added before),
     * each with the key {@link SandboxKeys#tenantKey}(its number) and {@code jobs} jobs seeded by its number.
     */
    public synchronized List<SandboxTenant> seed(int count, int jobs) {
        List<SandboxTenant> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int number = added + 1;
            out.add(add(String.format("tenant-%03d", number), SandboxKeys.tenantKey(number), jobs, baseSeed + number));
        }
        return out;
    }

    /** A tenant by name, or by the 8-hex fingerprint of one of its keys (as {@link SandboxKeys#mask} shows it). */
    public Optional<SandboxTenant> find(String nameOrKeyFingerprint) {
        SandboxTenant named = byName.get(nameOrKeyFingerprint);
        if (named != null || nameOrKeyFingerprint == null) {
            return Optional.ofNullable(named);
        }
        return byName.values().stream()
                .filter(t -> keyLabels(t).stream().anyMatch(label -> label.endsWith("…" + nameOrKeyFingerprint)))
                .findFirst();
    }

    /** The default tenant: the built-in keys and {@link GatewaySandbox#addKey}. */
    public SandboxTenant defaultTenant() {
        return defaultTenant;
    }

    /** Every tenant, by name. */
    public List<SandboxTenant> all() {
        return List.copyOf(byName.values());
    }

    /** The masked labels of a tenant's keys ({@link SandboxKeys#mask}), never the keys. */
    public List<String> keyLabels(SandboxTenant tenant) {
        return keys.of(tenant).stream().map(SandboxKeys::mask).toList();
    }

    /** Back to the default tenant alone (reset). */
    synchronized void removeAdded() {
        byName.keySet().removeIf(name -> !name.equals(defaultTenant.name()));
        added = 0;
    }
}
