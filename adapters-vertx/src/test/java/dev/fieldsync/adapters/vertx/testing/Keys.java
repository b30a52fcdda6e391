package dev.fieldsync.adapters.vertx.testing;

import dev.fieldsync.domain.key.ApiKey;

/** Test keys: well-formed, never real. */
public final class Keys {
    public static final String CURRENT_TEXT = "fi_pk_live_testCurrentKeySecret1111";
    public static final String NEXT_TEXT = "fi_pk_live_testNextKeySecret2222";
    public static final ApiKey CURRENT = ApiKey.of(CURRENT_TEXT);
    public static final ApiKey NEXT = ApiKey.of(NEXT_TEXT);

    private Keys() {}
}
