package dev.fieldsync.app.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What a caller of the API may do. The scopes are independent: a token needs each scope that the calls it makes
 * require ({@link ScopeTable}); {@code admin} does not imply {@code write}, so an operator's token is given
 * {@code read,write,admin} explicitly and a BI tool's {@code read} alone.
 */
public enum Scope {
    /** Reads: GET and HEAD, metrics. */
    READ,
    /** Writes: POST, PUT, PATCH, DELETE that change jobs, sites or start a pass. */
    WRITE,
    /** Operator actions: submission review, change-consumer replay and resume, forced verify, integrations. */
    ADMIN;

    /** The name used in configuration, answers and JWT mappings: {@code read}, {@code write}, {@code admin}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Scope> fromWireName(String text) {
        return Arrays.stream(values())
                .filter(scope -> scope.wireName().equals(text.strip().toLowerCase(Locale.ROOT)))
                .findFirst();
    }
}
