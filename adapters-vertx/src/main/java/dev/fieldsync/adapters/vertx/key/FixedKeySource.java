package dev.fieldsync.adapters.vertx.key;

import dev.fieldsync.domain.key.ApiKey;
import dev.fieldsync.ports.out.gateway.KeySource;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** Keys given in code (tests, a secret manager read once at start-up): the current key, then an optional next one. */
public final class FixedKeySource implements KeySource {
    private final List<ApiKey> keys;

    public FixedKeySource(ApiKey... keys) {
        Objects.requireNonNull(keys, "keys");
        if (keys.length == 0 || keys.length > 2) {
            throw new IllegalArgumentException("give one key, or two during a rotation (current first, then next)");
        }
        this.keys = List.of(keys);
    }

    /** Parses key texts; a malformed one fails with a {@code KeyUnavailableException} that does not quote it. */
    public static FixedKeySource of(String... keys) {
        return new FixedKeySource(
                Arrays.stream(keys).map(k -> KeyTexts.parse(k, "fixed key")).toArray(ApiKey[]::new));
    }

    @Override
    public List<ApiKey> keys() {
        return keys;
    }

    @Override
    public String describe() {
        return "fixed key" + (keys.size() > 1 ? "s (current and next)" : "");
    }

    @Override
    public String toString() {
        return "FixedKeySource" + keys;
    }
}
