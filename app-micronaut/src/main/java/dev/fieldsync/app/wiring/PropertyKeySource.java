package dev.fieldsync.app.wiring;

import dev.fieldsync.domain.key.ApiKey;
import dev.fieldsync.ports.out.gateway.KeySource;
import dev.fieldsync.ports.out.gateway.KeyUnavailableException;
import java.util.List;

/**
 * The key given as a configuration property: {@code fieldsync.key.value} (the demo and tests hand the sandbox's key
 * this way) or the property a registry integration's {@code property:NAME} reference names. Parsed on each call so
 * that a malformed or missing key is reported by {@code verify}'s key-format step or the pass's error, not as a
 * start-up crash; the text itself is never shown.
 */
final class PropertyKeySource implements KeySource {
    private final String property;
    private final String value;

    PropertyKeySource(String value) {
        this("fieldsync.key.value", value);
    }

    /** {@code value} is null when the property is not set. */
    PropertyKeySource(String property, String value) {
        this.property = property;
        this.value = value;
    }

    @Override
    public List<ApiKey> keys() {
        if (value == null || value.isBlank()) {
            throw new KeyUnavailableException("property " + property + " is not set; set it to the key the gateway "
                    + "operator gave you (fi_pk_live_...)");
        }
        String problem = ApiKey.formatProblem(value);
        if (problem != null) {
            throw new KeyUnavailableException(problem + " (property " + property + ")");
        }
        return List.of(ApiKey.of(value));
    }

    @Override
    public String describe() {
        return "property " + property;
    }

    @Override
    public String toString() {
        return "PropertyKeySource[redacted]";
    }
}
