package dev.fieldsync.sandbox;

import io.vertx.core.json.JsonObject;
import java.util.Random;

/**
 * Fault injection for {@code /v1/*} requests (never for {@code /_sandbox/*}). Mutable at run time,
 * thread-safe; the random generator is seeded so a run can be reproduced. Probabilities are per request
 * and checked in the order of {@link Fault}; at most one fault hits a request (plus added latency).
 */
public final class SandboxFaults {
  /** What a request suffers. Pre-handler faults stop it before it runs; the last three mangle its answer. */
  public enum Fault {
    NONE,
    /** 500 internal, the request did not run. */
    INTERNAL,
    /** 502 schema-drift. */
    SCHEMA_DRIFT,
    /** 502 upstream-scope-violation. */
    UPSTREAM_SCOPE_VIOLATION,
    /** 503 with the undocumented code "unavailable" (the client must map unknown codes generically). */
    UNAVAILABLE,
    /** 502 text/html page, as a proxy in front of the gateway would send. */
    HTML_ERROR,
    /** No answer; the connection is closed after hangMillis. */
    HANG,
    /** The request runs (writes take effect), then the connection closes mid-response. */
    CONNECTION_RESET,
    /** The request runs, the 2xx body is not JSON. */
    MALFORMED_JSON,
    /** The request runs, the 2xx body is cut in half. */
    TRUNCATED_JSON
  }

  private final long initialSeed;
  private Random random;
  private volatile double internalErrorProbability;
  private volatile double schemaDriftProbability;
  private volatile double upstreamScopeViolationProbability;
  private volatile double unavailableProbability;
  private volatile double htmlErrorProbability;
  private volatile double hangProbability;
  private volatile long hangMillis;
  private volatile double connectionResetProbability;
  private volatile double malformedJsonProbability;
  private volatile double truncatedJsonProbability;
  private volatile long latencyMillis;
  private volatile long latencyJitterMillis;
  private volatile boolean writesDisabled;
  private volatile boolean cancelNotConfigured;
  private volatile double ambiguousCreateErrorProbability;
  private volatile double ambiguousCreateDropProbability;

  SandboxFaults(long seed) {
    this.initialSeed = seed;
    reset();
  }

  /** Everything off, RNG re-seeded with the start-up fault seed. */
  public synchronized SandboxFaults reset() {
    random = new Random(initialSeed);
    internalErrorProbability = 0;
    schemaDriftProbability = 0;
    upstreamScopeViolationProbability = 0;
    unavailableProbability = 0;
    htmlErrorProbability = 0;
    hangProbability = 0;
    hangMillis = 30_000;
    connectionResetProbability = 0;
    malformedJsonProbability = 0;
    truncatedJsonProbability = 0;
    latencyMillis = 0;
    latencyJitterMillis = 0;
    writesDisabled = false;
    cancelNotConfigured = false;
    ambiguousCreateErrorProbability = 0;
    ambiguousCreateDropProbability = 0;
    return this;
  }

  public synchronized SandboxFaults seed(long seed) {
    random = new Random(seed);
    return this;
  }

  private static double p(double v) {
    if (!(v >= 0 && v <= 1)) {
      throw new IllegalArgumentException("probability must be within [0, 1]: " + v);
    }
    return v;
  }

  public SandboxFaults internalErrorProbability(double v) {
    internalErrorProbability = p(v);
    return this;
  }

  public SandboxFaults schemaDriftProbability(double v) {
    schemaDriftProbability = p(v);
    return this;
  }

  public SandboxFaults upstreamScopeViolationProbability(double v) {
    upstreamScopeViolationProbability = p(v);
    return this;
  }

  public SandboxFaults unavailableProbability(double v) {
    unavailableProbability = p(v);
    return this;
  }

  public SandboxFaults htmlErrorProbability(double v) {
    htmlErrorProbability = p(v);
    return this;
  }

  public SandboxFaults hangProbability(double v) {
    hangProbability = p(v);
    return this;
  }

  /** How long a hung request keeps its connection before closing it (real ms, default 30 000). */
  public SandboxFaults hangMillis(long v) {
    hangMillis = Math.max(0, v);
    return this;
  }

  public SandboxFaults connectionResetProbability(double v) {
    connectionResetProbability = p(v);
    return this;
  }

  public SandboxFaults malformedJsonProbability(double v) {
    malformedJsonProbability = p(v);
    return this;
  }

  public SandboxFaults truncatedJsonProbability(double v) {
    truncatedJsonProbability = p(v);
    return this;
  }

  /** Added to every /v1 request (real ms). */
  public SandboxFaults latencyMillis(long v) {
    latencyMillis = Math.max(0, v);
    return this;
  }

  /** Uniform extra latency in [0, v] (real ms). */
  public SandboxFaults latencyJitterMillis(long v) {
    latencyJitterMillis = Math.max(0, v);
    return this;
  }

  /** Every write (POST/PATCH under /v1) answers 503 writes-disabled. */
  public SandboxFaults writesDisabled(boolean v) {
    writesDisabled = v;
    return this;
  }

  /** Every cancel answers 503 cancel-not-configured. */
  public SandboxFaults cancelNotConfigured(boolean v) {
    cancelNotConfigured = v;
    return this;
  }

  /** The job IS created, the client gets 500 internal. */
  public SandboxFaults ambiguousCreateErrorProbability(double v) {
    ambiguousCreateErrorProbability = p(v);
    return this;
  }

  /** The job IS created, the connection is closed without an answer. */
  public SandboxFaults ambiguousCreateDropProbability(double v) {
    ambiguousCreateDropProbability = p(v);
    return this;
  }

  public double internalErrorProbability() {
    return internalErrorProbability;
  }

  public double schemaDriftProbability() {
    return schemaDriftProbability;
  }

  public double upstreamScopeViolationProbability() {
    return upstreamScopeViolationProbability;
  }

  public double unavailableProbability() {
    return unavailableProbability;
  }

  public double htmlErrorProbability() {
    return htmlErrorProbability;
  }

  public double hangProbability() {
    return hangProbability;
  }

  public long hangMillis() {
    return hangMillis;
  }

  public double connectionResetProbability() {
    return connectionResetProbability;
  }

  public double malformedJsonProbability() {
    return malformedJsonProbability;
  }

  public double truncatedJsonProbability() {
    return truncatedJsonProbability;
  }

  public long latencyMillis() {
    return latencyMillis;
  }

  public long latencyJitterMillis() {
    return latencyJitterMillis;
  }

  public boolean writesDisabled() {
    return writesDisabled;
  }

  public boolean cancelNotConfigured() {
    return cancelNotConfigured;
  }

  public double ambiguousCreateErrorProbability() {
    return ambiguousCreateErrorProbability;
  }

  public double ambiguousCreateDropProbability() {
    return ambiguousCreateDropProbability;
  }

  /** Draws the fault for one request. */
  synchronized Fault roll() {
    double[] ps = {
      internalErrorProbability, schemaDriftProbability, upstreamScopeViolationProbability,
      unavailableProbability, htmlErrorProbability, hangProbability, connectionResetProbability,
      malformedJsonProbability, truncatedJsonProbability
    };
    double sum = 0;
    for (double v : ps) {
      sum += v;
    }
    if (sum == 0) {
      return Fault.NONE;
    }
    double r = random.nextDouble();
    double acc = 0;
    Fault[] faults = Fault.values();
    for (int i = 0; i < ps.length; i++) {
      acc += ps[i];
      if (r < acc) {
        return faults[i + 1];
      }
    }
    return Fault.NONE;
  }

  /** 0 = none, 1 = created then 500, 2 = created then connection dropped. */
  synchronized int rollAmbiguousCreate() {
    double e = ambiguousCreateErrorProbability;
    double d = ambiguousCreateDropProbability;
    if (e + d == 0) {
      return 0;
    }
    double r = random.nextDouble();
    return r < e ? 1 : r < e + d ? 2 : 0;
  }

  synchronized long latency() {
    long jitter = latencyJitterMillis;
    return latencyMillis + (jitter > 0 ? (long) (random.nextDouble() * (jitter + 1)) : 0);
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("internal_error_probability", internalErrorProbability)
        .put("schema_drift_probability", schemaDriftProbability)
        .put("upstream_scope_violation_probability", upstreamScopeViolationProbability)
        .put("unavailable_probability", unavailableProbability)
        .put("html_error_probability", htmlErrorProbability)
        .put("hang_probability", hangProbability)
        .put("hang_millis", hangMillis)
        .put("connection_reset_probability", connectionResetProbability)
        .put("malformed_json_probability", malformedJsonProbability)
        .put("truncated_json_probability", truncatedJsonProbability)
        .put("latency_millis", latencyMillis)
        .put("latency_jitter_millis", latencyJitterMillis)
        .put("writes_disabled", writesDisabled)
        .put("cancel_not_configured", cancelNotConfigured)
        .put("ambiguous_create_error_probability", ambiguousCreateErrorProbability)
        .put("ambiguous_create_drop_probability", ambiguousCreateDropProbability);
  }

  /**
   * Applies the members present (PUT /_sandbox/faults is a partial update; "reset": true first resets,
   * "seed" re-seeds). Throws IllegalArgumentException on unknown members or bad values, before changing
   * anything.
   */
  public synchronized void apply(JsonObject json) {
    JsonObject known = toJson().put("seed", 0L).put("reset", false);
    for (String name : json.fieldNames()) {
      if (!known.containsKey(name)) {
        throw new IllegalArgumentException("unknown fault setting " + name);
      }
      Object v = json.getValue(name);
      Object k = known.getValue(name);
      if (k instanceof Boolean ? !(v instanceof Boolean) : !(v instanceof Number)) {
        throw new IllegalArgumentException("bad value for " + name);
      }
      if (name.endsWith("_probability")) {
        p(((Number) v).doubleValue());
      }
    }
    if (Boolean.TRUE.equals(json.getValue("reset"))) {
      reset();
    }
    for (String name : json.fieldNames()) {
      Object v = json.getValue(name);
      switch (name) {
        case "internal_error_probability" -> internalErrorProbability(d(v));
        case "schema_drift_probability" -> schemaDriftProbability(d(v));
        case "upstream_scope_violation_probability" -> upstreamScopeViolationProbability(d(v));
        case "unavailable_probability" -> unavailableProbability(d(v));
        case "html_error_probability" -> htmlErrorProbability(d(v));
        case "hang_probability" -> hangProbability(d(v));
        case "hang_millis" -> hangMillis(((Number) v).longValue());
        case "connection_reset_probability" -> connectionResetProbability(d(v));
        case "malformed_json_probability" -> malformedJsonProbability(d(v));
        case "truncated_json_probability" -> truncatedJsonProbability(d(v));
        case "latency_millis" -> latencyMillis(((Number) v).longValue());
        case "latency_jitter_millis" -> latencyJitterMillis(((Number) v).longValue());
        case "writes_disabled" -> writesDisabled((Boolean) v);
        case "cancel_not_configured" -> cancelNotConfigured((Boolean) v);
        case "ambiguous_create_error_probability" -> ambiguousCreateErrorProbability(d(v));
        case "ambiguous_create_drop_probability" -> ambiguousCreateDropProbability(d(v));
        case "seed" -> seed(((Number) v).longValue());
        default -> {}
      }
    }
  }

  private static double d(Object v) {
    return ((Number) v).doubleValue();
  }

  @Override
  public String toString() {
    return "SandboxFaults" + toJson().encode();
  }
}
