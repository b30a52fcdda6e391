package dev.fieldsync.sandbox;

import java.util.Set;

/** The built-in sandbox keys. They only open the sandbox: never real gateway keys. */
public final class SandboxKeys {
    /** All scopes, all customers. */
    public static final String FULL = "fi_pk_live_sandboxFull0000000000000000";
    /** {@code jobs:read} only. */
    public static final String READ_ONLY = "fi_pk_live_sandboxRead0000000000000000";
    /** All scopes but no customers attached: every /v1 call answers 403 no-scope. */
    public static final String NO_CUSTOMERS = "fi_pk_live_sandboxNoCust00000000000000";

    public static final String JOBS_READ = "jobs:read";
    public static final String JOBS_WRITE = "jobs:write";
    public static final String SITES_WRITE = "sites:write";
    public static final Set<String> ALL_SCOPES = Set.of(JOBS_READ, JOBS_WRITE, SITES_WRITE);

    private SandboxKeys() {}

    /** The key of the n-th seeded tenant ({@code SandboxTenants.seed}), e.g. {@code fi_pk_live_sandboxTenant00000000000001}. */
    public static String tenantKey(int number) {
        if (number < 1) {
            throw new IllegalArgumentException("tenants are numbered from 1");
        }
        return String.format("fi_pk_live_sandboxTenant%014d", number);
    }

    /**
     * A log-safe, distinct label for a key: the public prefix plus a short SHA-256 fingerprint,
     * e.g. {@code fi_pk_live_…3f9a12bc}. The secret part never shows.
     */
    public static String mask(String key) {
        if (key == null) {
            return "(none)";
        }
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            String prefix = key.startsWith("fi_pk_live_") ? "fi_pk_live_" : "";
            return prefix + "…" + java.util.HexFormat.of().formatHex(d, 0, 4);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
