package dev.fieldsync.sandbox;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The keys the sandbox accepts. A key with customers sees every customer of the data set. */
final class KeyRing {
    record Grant(Set<String> scopes, boolean withCustomers) {}

    private final Map<String, Grant> keys = new ConcurrentHashMap<>();

    KeyRing() {
        reset();
    }

    void reset() {
        keys.clear();
        keys.put(SandboxKeys.FULL, new Grant(SandboxKeys.ALL_SCOPES, true));
        keys.put(SandboxKeys.READ_ONLY, new Grant(Set.of(SandboxKeys.JOBS_READ), true));
        keys.put(SandboxKeys.NO_CUSTOMERS, new Grant(SandboxKeys.ALL_SCOPES, false));
    }

    void add(String key, Set<String> scopes, boolean withCustomers) {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("key must not be blank");
        }
        for (String s : scopes) {
            if (!SandboxKeys.ALL_SCOPES.contains(s)) {
                throw new IllegalArgumentException("unknown scope " + s);
            }
        }
        keys.put(key, new Grant(Set.copyOf(scopes), withCustomers));
    }

    boolean remove(String key) {
        return keys.remove(key) != null;
    }

    Grant get(String key) {
        return key == null ? null : keys.get(key);
    }
}
