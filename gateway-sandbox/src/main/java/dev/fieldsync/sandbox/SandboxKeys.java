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

  /** A log-safe label for a key: its first 14 characters and last 4. */
  public static String mask(String key) {
    if (key == null) {
      return "(none)";
    }
    if (key.length() <= 20) {
      return "…" + key.substring(Math.max(0, key.length() - 4));
    }
    return key.substring(0, 14) + "…" + key.substring(key.length() - 4);
  }
}
