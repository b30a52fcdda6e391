package dev.fieldsync.sandbox;

import dev.fieldsync.sandbox.ratelimit.ScaledTime;
import io.vertx.core.json.JsonObject;

/** Settings that can change while the sandbox runs (also via {@code GET/PUT /_sandbox/settings}). */
public final class SandboxSettings {
  private final ScaledTime time;
  private volatile boolean rateLimited;
  private volatile double schedulingRatePerSecond;

  SandboxSettings(ScaledTime time, boolean rateLimited, double schedulingRatePerSecond) {
    this.time = time;
    this.rateLimited = rateLimited;
    this.schedulingRatePerSecond = schedulingRatePerSecond;
  }

  public boolean rateLimited() {
    return rateLimited;
  }

  public SandboxSettings rateLimited(boolean rateLimited) {
    this.rateLimited = rateLimited;
    return this;
  }

  public double timeScale() {
    return time.scale();
  }

  public SandboxSettings timeScale(double timeScale) {
    time.scale(timeScale);
    return this;
  }

  public double schedulingRatePerSecond() {
    return schedulingRatePerSecond;
  }

  public SandboxSettings schedulingRatePerSecond(double rate) {
    if (rate < 0 || Double.isNaN(rate)) {
      throw new IllegalArgumentException("scheduling rate must be >= 0");
    }
    this.schedulingRatePerSecond = rate;
    return this;
  }

  JsonObject toJson() {
    return new JsonObject()
        .put("rate_limited", rateLimited)
        .put("time_scale", timeScale())
        .put("scheduling_rate_per_second", schedulingRatePerSecond);
  }

  /** Applies the members present; throws IllegalArgumentException on a bad value. */
  void apply(JsonObject json) {
    for (String name : json.fieldNames()) {
      switch (name) {
        case "rate_limited", "time_scale", "scheduling_rate_per_second" -> {}
        default -> throw new IllegalArgumentException("unknown setting " + name);
      }
    }
    if (json.containsKey("rate_limited")) {
      rateLimited(json.getBoolean("rate_limited"));
    }
    if (json.containsKey("time_scale")) {
      timeScale(json.getNumber("time_scale").doubleValue());
    }
    if (json.containsKey("scheduling_rate_per_second")) {
      schedulingRatePerSecond(json.getNumber("scheduling_rate_per_second").doubleValue());
    }
  }
}
