package dev.fieldsync.benchmarks.e2e;

import dev.fieldsync.sandbox.SandboxKeys;

/** The sandbox's built-in full-scope key: a sandbox key, not a real gateway key. */
final class Keys {
    static final String FULL = SandboxKeys.FULL;

    private Keys() {}
}
