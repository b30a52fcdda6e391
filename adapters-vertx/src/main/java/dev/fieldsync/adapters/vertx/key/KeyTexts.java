package dev.fieldsync.adapters.vertx.key;

import dev.fieldsync.domain.key.ApiKey;
import dev.fieldsync.ports.out.gateway.KeyUnavailableException;

/** Turns configured text into keys; refusals name where the key came from, never the key. */
final class KeyTexts {
    private KeyTexts() {}

    static ApiKey parse(String text, String origin) {
        String problem = ApiKey.formatProblem(text);
        if (problem != null) {
            throw new KeyUnavailableException(origin + ": " + problem);
        }
        return ApiKey.of(text);
    }
}
