package dev.fieldsync.adapters.vertx.key;

import dev.fieldsync.domain.key.ApiKey;
import dev.fieldsync.ports.out.gateway.KeySource;
import dev.fieldsync.ports.out.gateway.KeyUnavailableException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The key from an environment variable (default {@code FIELDSYNC_API_KEY}), read on every call. During a
 * rotation the next key goes in the same name with {@code _NEXT} appended ({@code FIELDSYNC_API_KEY_NEXT}).
 */
public final class EnvironmentKeySource implements KeySource {
    public static final String DEFAULT_VARIABLE = "FIELDSYNC_API_KEY";

    private final String variable;
    private final Function<String, String> environment;

    public EnvironmentKeySource() {
        this(DEFAULT_VARIABLE);
    }

    public EnvironmentKeySource(String variable) {
        this(variable, System::getenv);
    }

    /** Reads from {@code environment} instead of the process environment (tests, other configuration systems). */
    public EnvironmentKeySource(String variable, Function<String, String> environment) {
        if (variable == null || variable.isBlank()) {
            throw new IllegalArgumentException(
                    "name the environment variable that holds the key, e.g. " + DEFAULT_VARIABLE);
        }
        this.variable = variable;
        this.environment = Objects.requireNonNull(environment, "environment");
    }

    /** The variable of the next key during a rotation. */
    public String nextVariable() {
        return variable + "_NEXT";
    }

    @Override
    public List<ApiKey> keys() {
        String current = environment.apply(variable);
        if (current == null || current.isBlank()) {
            throw new KeyUnavailableException("environment variable " + variable + " is not set; set it to the key "
                    + "the gateway operator gave you (fi_pk_live_...)");
        }
        List<ApiKey> keys = new ArrayList<>(2);
        keys.add(KeyTexts.parse(current, "environment variable " + variable));
        String next = environment.apply(nextVariable());
        if (next != null && !next.isBlank()) {
            ApiKey nextKey = KeyTexts.parse(next, "environment variable " + nextVariable());
            if (!nextKey.equals(keys.get(0))) {
                keys.add(nextKey);
            }
        }
        return List.copyOf(keys);
    }

    @Override
    public String describe() {
        return "environment variable " + variable + " (next key: " + nextVariable() + ")";
    }

    @Override
    public String toString() {
        return "EnvironmentKeySource[" + variable + "]";
    }
}
