package dev.fieldsync.sandbox;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The keys the sandbox accepts, each of one tenant. A key with customers sees every customer of its tenant's data. */
final class KeyRing {
    record Grant(Set<String> scopes, boolean withCustomers, SandboxTenant tenant) {}

    private final Map<String, Grant> keys = new ConcurrentHashMap<>();

    /** Only the built-in keys, of the default tenant. */
    void reset(SandboxTenant defaultTenant) {
        keys.clear();
        keys.put(SandboxKeys.FULL, new Grant(SandboxKeys.ALL_SCOPES, true, defaultTenant));
        keys.put(SandboxKeys.READ_ONLY, new Grant(Set.of(SandboxKeys.JOBS_READ), true, defaultTenant));
        keys.put(SandboxKeys.NO_CUSTOMERS, new Grant(SandboxKeys.ALL_SCOPES, false, defaultTenant));
    }

    void add(String key, Set<String> scopes, boolean withCustomers, SandboxTenant tenant) {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("key must not be blank");
        }
        for (String s : scopes) {
            if (!SandboxKeys.ALL_SCOPES.contains(s)) {
                throw new IllegalArgumentException("unknown scope " + s);
            }
        }
        Grant other = keys.get(key);
        if (other != null && other.tenant() != tenant) {
            throw new IllegalArgumentException(
                    "the key is already one of tenant " + other.tenant().name() + "'s");
        }
        keys.put(key, new Grant(Set.copyOf(scopes), withCustomers, tenant));
    }

    boolean remove(String key) {
        return keys.remove(key) != null;
    }

    /** The keys of one tenant. */
    java.util.List<String> of(SandboxTenant tenant) {
        return keys.entrySet().stream()
                .filter(e -> e.getValue().tenant() == tenant)
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
    }

    Grant get(String key) {
        return key == null ? null : keys.get(key);
    }
}
