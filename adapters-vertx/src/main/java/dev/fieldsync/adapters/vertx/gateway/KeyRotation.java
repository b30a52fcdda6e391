package dev.fieldsync.adapters.vertx.gateway;

import dev.fieldsync.domain.key.ApiKey;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Which of the configured keys is active. Starts with the first; after a 401 on the active key the gateway
 * switches to the other one, which then stays active for later calls as long as it is configured.
 */
final class KeyRotation {
    private final AtomicReference<ApiKey> active = new AtomicReference<>();

    ApiKey current(List<ApiKey> keys) {
        ApiKey chosen = active.get();
        return chosen != null && keys.contains(chosen) ? chosen : keys.get(0);
    }

    /** The key to try after {@code rejected} got a 401, if another one is configured; it becomes active. */
    Optional<ApiKey> switchFrom(ApiKey rejected, List<ApiKey> keys) {
        Optional<ApiKey> other = keys.stream().filter(k -> !k.equals(rejected)).findFirst();
        other.ifPresent(active::set);
        return other;
    }
}
