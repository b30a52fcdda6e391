package dev.fieldsync.ports.out.gateway;

import dev.fieldsync.domain.key.ApiKey;
import java.util.List;

/**
 * Where the gateway keys come from (environment, a file re-read when it changes, a fixed value, a secret
 * manager). During a rotation window it yields two keys, the current one first.
 */
public interface KeySource {

    /**
     * The keys to try, in order; never empty.
     *
     * @throws KeyUnavailableException when no well-formed key is configured
     */
    List<ApiKey> keys();

    /** Where the keys come from, for messages, e.g. "environment variable FIELDSYNC_API_KEY". Never a key. */
    String describe();
}
