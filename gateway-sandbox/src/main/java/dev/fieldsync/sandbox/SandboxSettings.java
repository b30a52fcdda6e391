package dev.fieldsync.sandbox;

import dev.fieldsync.sandbox.ratelimit.ScaledTime;
import io.vertx.core.json.JsonObject;

/** Settings that can change while the sandbox runs (also via {@code GET/PUT /_sandbox/settings}). */
public final class SandboxSettings {
    private final ScaledTime time;
    private volatile boolean rateLimited;
    private volatile double schedulingRatePerSecond;
    private volatile boolean schedulerConfirms;
    private volatile double confirmDelayMinSeconds;
    private volatile double confirmDelayMaxSeconds;
    private volatile boolean officeEdits;
    private volatile double officeEditRatePerSecond;

    SandboxSettings(ScaledTime time, SandboxOptions options) {
        this.time = time;
        apply(options);
    }

    /** Back to the start-up options (the time scale included). */
    void apply(SandboxOptions options) {
        rateLimited(options.rateLimited())
                .timeScale(options.timeScale())
                .schedulingRatePerSecond(options.schedulingRatePerSecond())
                .schedulerConfirms(options.schedulerConfirms())
                .confirmDelaySeconds(options.confirmDelayMinSeconds(), options.confirmDelayMaxSeconds())
                .officeEdits(options.officeEdits())
                .officeEditRatePerSecond(options.officeEditRatePerSecond());
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

    /** Whether the scheduling team confirms each API-created job (another window and offset, scheduled). */
    public boolean schedulerConfirms() {
        return schedulerConfirms;
    }

    public SandboxSettings schedulerConfirms(boolean on) {
        this.schedulerConfirms = on;
        return this;
    }

    public double confirmDelayMinSeconds() {
        return confirmDelayMinSeconds;
    }

    public double confirmDelayMaxSeconds() {
        return confirmDelayMaxSeconds;
    }

    /** The (scaled) seconds after its create within which a job is confirmed: uniform in [min, max]. */
    public SandboxSettings confirmDelaySeconds(double min, double max) {
        if (!(min >= 0) || !(max >= min) || Double.isInfinite(max)) {
            throw new IllegalArgumentException("confirm delay must be 0 <= min <= max seconds");
        }
        this.confirmDelayMinSeconds = min;
        this.confirmDelayMaxSeconds = max;
        return this;
    }

    /** Whether the office edits titles and notes (at confirmation and at random over open jobs). */
    public boolean officeEdits() {
        return officeEdits;
    }

    public SandboxSettings officeEdits(boolean on) {
        this.officeEdits = on;
        return this;
    }

    public double officeEditRatePerSecond() {
        return officeEditRatePerSecond;
    }

    /** Random office edits of open jobs per (scaled) second; 0 = only the edits made at confirmation. */
    public SandboxSettings officeEditRatePerSecond(double rate) {
        if (rate < 0 || Double.isNaN(rate) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("office edit rate must be >= 0");
        }
        this.officeEditRatePerSecond = rate;
        return this;
    }

    /** Turns the scheduling team and the office off (or back on): a still world for an oracle comparison. */
    public SandboxSettings people(boolean on) {
        return schedulerConfirms(on).officeEdits(on);
    }

    JsonObject toJson() {
        return new JsonObject()
                .put("rate_limited", rateLimited)
                .put("time_scale", timeScale())
                .put("scheduling_rate_per_second", schedulingRatePerSecond)
                .put("scheduler_confirms", schedulerConfirms)
                .put("confirm_delay_min_seconds", confirmDelayMinSeconds)
                .put("confirm_delay_max_seconds", confirmDelayMaxSeconds)
                .put("office_edits", officeEdits)
                .put("office_edit_rate_per_second", officeEditRatePerSecond);
    }

    /** Applies the members present; throws IllegalArgumentException on a bad value. */
    void apply(JsonObject json) {
        for (String name : json.fieldNames()) {
            switch (name) {
                case "rate_limited",
                        "time_scale",
                        "scheduling_rate_per_second",
                        "scheduler_confirms",
                        "confirm_delay_min_seconds",
                        "confirm_delay_max_seconds",
                        "office_edits",
                        "office_edit_rate_per_second" -> {}
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
        if (json.containsKey("scheduler_confirms")) {
            schedulerConfirms(json.getBoolean("scheduler_confirms"));
        }
        if (json.containsKey("confirm_delay_min_seconds") || json.containsKey("confirm_delay_max_seconds")) {
            confirmDelaySeconds(
                    json.getNumber("confirm_delay_min_seconds", confirmDelayMinSeconds)
                            .doubleValue(),
                    json.getNumber("confirm_delay_max_seconds", confirmDelayMaxSeconds)
                            .doubleValue());
        }
        if (json.containsKey("office_edits")) {
            officeEdits(json.getBoolean("office_edits"));
        }
        if (json.containsKey("office_edit_rate_per_second")) {
            officeEditRatePerSecond(
                    json.getNumber("office_edit_rate_per_second").doubleValue());
        }
    }
}
