package dev.fieldsync.application;

import dev.fieldsync.domain.key.ApiKey;
import dev.fieldsync.ports.out.gateway.KeySource;
import dev.fieldsync.ports.out.gateway.KeyUnavailableException;
import java.util.List;

/** Test double: a fixed key, or the format problem a real source would report for a malformed one. */
final class FixedKeySource implements KeySource {
    private final String value;

    FixedKeySource(String value) {
        this.value = value;
    }

    @Override
    public List<ApiKey> keys() {
        String problem = ApiKey.formatProblem(value);
        if (problem != null) {
            throw new KeyUnavailableException(problem);
        }
        return List.of(ApiKey.of(value));
    }

    @Override
    public String describe() {
        return "a fixed test key";
    }
}
