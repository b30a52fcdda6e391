package dev.fieldsync.sandbox;

import dev.fieldsync.sandbox.ratelimit.ScaledTime;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.regex.Pattern;

/** Settings that can change while the sandbox runs (also via {@code GET/PUT /_sandbox/settings}). */
public final class SandboxSettings {
    private static final Pattern PARAMETER_NAME = Pattern.compile("[A-Za-z0-9_.\\[\\]-]{1,64}");
    private final ScaledTime time;
    private final SandboxClock clock = new SandboxClock(Clock.systemUTC());
    private volatile String cursorParameter;
    private volatile boolean rejectUnknownParameters;
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
                .officeEditRatePerSecond(options.officeEditRatePerSecond())
                .clockOffsetSeconds(options.clockOffsetSeconds())
                .replicationLagSeconds(options.replicationLagSeconds())
                .cursorParameter(options.cursorParameter())
                .rejectUnknownParameters(options.rejectUnknownParameters());
    }

    /** The gateway's clock (offset against real time) and, through it, the clock of its stamps (lagged). */
    public SandboxClock clock() {
        return clock;
    }

    public double clockOffsetSeconds() {
        return clock.offsetMillis() / 1000.0;
    }

    /** Runs the gateway's clock this many seconds ahead of real time (negative: behind): stamps and Date header. */
    public SandboxSettings clockOffsetSeconds(double seconds) {
        clock.offsetMillis(Math.round(finite(seconds, "clock offset") * 1000));
        return this;
    }

    public double replicationLagSeconds() {
        return clock.lagMillis() / 1000.0;
    }

    /** Makes each change visible this many seconds after its updated_at (it is stamped that far back). */
    public SandboxSettings replicationLagSeconds(double seconds) {
        clock.lagMillis(Math.round(notNegative(seconds, "replication lag") * 1000));
        return this;
    }

    public String cursorParameter() {
        return cursorParameter;
    }

    /** The list's cursor request parameter; a client that sends another name gets the first page again. */
    public SandboxSettings cursorParameter(String name) {
        this.cursorParameter = parameterName(name);
        return this;
    }

    public boolean rejectUnknownParameters() {
        return rejectUnknownParameters;
    }

    /** Whether an unknown list parameter is a 400 invalid-query (off: ignored, as many APIs do). */
    public SandboxSettings rejectUnknownParameters(boolean on) {
        this.rejectUnknownParameters = on;
        return this;
    }

    static double finite(double value, String what) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(what + " must be a finite number of seconds");
        }
        return value;
    }

    static double notNegative(double value, String what) {
        if (!(finite(value, what) >= 0)) {
            throw new IllegalArgumentException(what + " must be >= 0 seconds");
        }
        return value;
    }

    static String parameterName(String name) {
        if (name == null || !PARAMETER_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("cursor parameter must be 1-64 characters of A-Z a-z 0-9 _ . - [ ]");
        }
        return name;
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
                .put("office_edit_rate_per_second", officeEditRatePerSecond)
                .put("clock_offset_seconds", clockOffsetSeconds())
                .put("replication_lag_seconds", replicationLagSeconds())
                .put("cursor_parameter", cursorParameter)
                .put("reject_unknown_parameters", rejectUnknownParameters);
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
                        "office_edit_rate_per_second",
                        "clock_offset_seconds",
                        "replication_lag_seconds",
                        "cursor_parameter",
                        "reject_unknown_parameters" -> {}
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
        if (json.containsKey("clock_offset_seconds")) {
            clockOffsetSeconds(json.getNumber("clock_offset_seconds").doubleValue());
        }
        if (json.containsKey("replication_lag_seconds")) {
            replicationLagSeconds(json.getNumber("replication_lag_seconds").doubleValue());
        }
        if (json.containsKey("cursor_parameter")) {
            cursorParameter(json.getString("cursor_parameter"));
        }
        if (json.containsKey("reject_unknown_parameters")) {
            rejectUnknownParameters(json.getBoolean("reject_unknown_parameters"));
        }
    }
}
