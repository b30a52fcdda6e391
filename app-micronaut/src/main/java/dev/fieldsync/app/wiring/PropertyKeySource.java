package dev.fieldsync.app.wiring;

import dev.fieldsync.domain.key.ApiKey;
import dev.fieldsync.ports.out.gateway.KeySource;
import dev.fieldsync.ports.out.gateway.KeyUnavailableException;
import java.util.List;

/**
 * The key given as the property {@code fieldsync.key.value} (the demo and tests hand the sandbox's key this
 * way). Parsed on each call so that a malformed key is reported by {@code verify}'s key-format step, not as a
 * start-up crash; the text itself is never shown.
 */
final class PropertyKeySource implements KeySource {
    private final String value;

    PropertyKeySource(String value) {
        this.value = value;
    }

    @Override
    public List<ApiKey> keys() {
        String problem = ApiKey.formatProblem(value);
        if (problem != null) {
            throw new KeyUnavailableException(problem + " (property fieldsync.key.value)");
        }
        return List.of(ApiKey.of(value));
    }

    @Override
    public String describe() {
        return "property fieldsync.key.value";
    }

    @Override
    public String toString() {
        return "PropertyKeySource[redacted]";
    }
}
