package dev.fieldsync.sandbox;

/** Start-up options of a sandbox; fluent, start from {@link #defaults()}. */
public final class SandboxOptions {
    private long seed = 42;
    private int jobs = 500;
    private boolean rateLimited = true;
    private double timeScale = 1.0;
    private int port = 0;
    private String host = "127.0.0.1";
    private String webhookUrl;
    private String webhookSecret;
    private boolean duplicateWebhooks;
    private long webhookTimeoutMillis = 5_000;
    private double schedulingRatePerSecond;
    private boolean lookupsOverCap;
    private long faultSeed = 1;
    private boolean schedulerConfirms = true;
    private double confirmDelayMinSeconds = 10;
    private double confirmDelayMaxSeconds = 60;
    private boolean officeEdits = true;
    private double officeEditRatePerSecond = 0.05;
    private double clockOffsetSeconds;
    private double replicationLagSeconds;
    private String cursorParameter = "cursor";
    private boolean rejectUnknownParameters;

    private SandboxOptions() {}

    /**
     * seed 42, 500 jobs, rate limited, time scale 1, free port on 127.0.0.1, no webhooks, the gateway's clock on
     * time, parameter {@code cursor}; the scheduling team confirms API-created jobs 10-60 s after their create at
     * another time, the office edits titles and notes (3 a minute, some at each confirmation), as the product does.
     */
    public static SandboxOptions defaults() {
        return new SandboxOptions();
    }

    public SandboxOptions copy() {
        SandboxOptions o = new SandboxOptions();
        o.seed = seed;
        o.jobs = jobs;
        o.rateLimited = rateLimited;
        o.timeScale = timeScale;
        o.port = port;
        o.host = host;
        o.webhookUrl = webhookUrl;
        o.webhookSecret = webhookSecret;
        o.duplicateWebhooks = duplicateWebhooks;
        o.webhookTimeoutMillis = webhookTimeoutMillis;
        o.schedulingRatePerSecond = schedulingRatePerSecond;
        o.lookupsOverCap = lookupsOverCap;
        o.faultSeed = faultSeed;
        o.schedulerConfirms = schedulerConfirms;
        o.confirmDelayMinSeconds = confirmDelayMinSeconds;
        o.confirmDelayMaxSeconds = confirmDelayMaxSeconds;
        o.officeEdits = officeEdits;
        o.officeEditRatePerSecond = officeEditRatePerSecond;
        o.clockOffsetSeconds = clockOffsetSeconds;
        o.replicationLagSeconds = replicationLagSeconds;
        o.cursorParameter = cursorParameter;
        o.rejectUnknownParameters = rejectUnknownParameters;
        return o;
    }

    public SandboxOptions seed(long seed) {
        this.seed = seed;
        return this;
    }

    public SandboxOptions jobs(int jobs) {
        if (jobs < 0) {
            throw new IllegalArgumentException("jobs must be >= 0");
        }
        this.jobs = jobs;
        return this;
    }

    public SandboxOptions rateLimited(boolean rateLimited) {
        this.rateLimited = rateLimited;
        return this;
    }

    /** 10.0 = refill, hold time, scheduling and webhook backoff all run ten times faster. */
    public SandboxOptions timeScale(double timeScale) {
        if (!(timeScale > 0)) {
            throw new IllegalArgumentException("time scale must be > 0");
        }
        this.timeScale = timeScale;
        return this;
    }

    /** 0 = any free port. */
    public SandboxOptions port(int port) {
        this.port = port;
        return this;
    }

    public SandboxOptions host(String host) {
        this.host = host;
        return this;
    }

    public SandboxOptions webhookUrl(String webhookUrl) {
        this.webhookUrl = webhookUrl;
        return this;
    }

    public SandboxOptions webhookSecret(String webhookSecret) {
        this.webhookSecret = webhookSecret;
        return this;
    }

    public SandboxOptions duplicateWebhooks(boolean duplicateWebhooks) {
        this.duplicateWebhooks = duplicateWebhooks;
        return this;
    }

    /** Per-attempt timeout of a webhook delivery (real milliseconds). */
    public SandboxOptions webhookTimeoutMillis(long webhookTimeoutMillis) {
        this.webhookTimeoutMillis = webhookTimeoutMillis;
        return this;
    }

    /** Jobs per (scaled) second moved along pending → scheduled → in_progress → completed; 0 = off. */
    public SandboxOptions schedulingRatePerSecond(double schedulingRatePerSecond) {
        this.schedulingRatePerSecond = schedulingRatePerSecond;
        return this;
    }

    /** Generate five times as many sites, so /v1/sites is cut off at 100. */
    public SandboxOptions lookupsOverCap(boolean lookupsOverCap) {
        this.lookupsOverCap = lookupsOverCap;
        return this;
    }

    /** Seed of the fault-injection random generator. */
    public SandboxOptions faultSeed(long faultSeed) {
        this.faultSeed = faultSeed;
        return this;
    }

    /** The scheduling team confirms each job created through the API (another window and offset); default on. */
    public SandboxOptions schedulerConfirms(boolean on) {
        this.schedulerConfirms = on;
        return this;
    }

    /** A job is confirmed uniformly within [min, max] (scaled) seconds after its create; default 10-60. */
    public SandboxOptions confirmDelaySeconds(double min, double max) {
        if (!(min >= 0) || !(max >= min) || Double.isInfinite(max)) {
            throw new IllegalArgumentException("confirm delay must be 0 <= min <= max seconds");
        }
        this.confirmDelayMinSeconds = min;
        this.confirmDelayMaxSeconds = max;
        return this;
    }

    /** The office edits titles and notes of jobs; default on. */
    public SandboxOptions officeEdits(boolean on) {
        this.officeEdits = on;
        return this;
    }

    /** Random office edits of open jobs per (scaled) second, when office edits are on; default 0.05. */
    public SandboxOptions officeEditRatePerSecond(double rate) {
        if (rate < 0 || Double.isNaN(rate) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("office edit rate must be >= 0");
        }
        this.officeEditRatePerSecond = rate;
        return this;
    }

    /** The gateway's clock against real time (negative: behind), and how long after updated_at changes show. */
    public SandboxOptions gatewayClock(double offsetSeconds, double replicationLagSeconds) {
        this.clockOffsetSeconds = SandboxSettings.finite(offsetSeconds, "clock offset");
        this.replicationLagSeconds = SandboxSettings.notNegative(replicationLagSeconds, "replication lag");
        return this;
    }

    /** The name of the list's cursor request parameter (GATEWAY-API.md §9: {@code cursor}). */
    public SandboxOptions cursorParameter(String name) {
        this.cursorParameter = SandboxSettings.parameterName(name);
        return this;
    }

    /** 400 invalid-query on an unknown list parameter instead of ignoring it (the default, as many APIs do). */
    public SandboxOptions rejectUnknownParameters(boolean on) {
        this.rejectUnknownParameters = on;
        return this;
    }

    public double clockOffsetSeconds() {
        return clockOffsetSeconds;
    }

    public double replicationLagSeconds() {
        return replicationLagSeconds;
    }

    public String cursorParameter() {
        return cursorParameter;
    }

    public boolean rejectUnknownParameters() {
        return rejectUnknownParameters;
    }

    /** Scheduling team and office off: the world only changes through the API (and touch/advance). */
    public SandboxOptions stillWorld() {
        return schedulerConfirms(false).officeEdits(false);
    }

    public boolean schedulerConfirms() {
        return schedulerConfirms;
    }

    public double confirmDelayMinSeconds() {
        return confirmDelayMinSeconds;
    }

    public double confirmDelayMaxSeconds() {
        return confirmDelayMaxSeconds;
    }

    public boolean officeEdits() {
        return officeEdits;
    }

    public double officeEditRatePerSecond() {
        return officeEditRatePerSecond;
    }

    public long seed() {
        return seed;
    }

    public int jobs() {
        return jobs;
    }

    public boolean rateLimited() {
        return rateLimited;
    }

    public double timeScale() {
        return timeScale;
    }

    public int port() {
        return port;
    }

    public String host() {
        return host;
    }

    public String webhookUrl() {
        return webhookUrl;
    }

    public String webhookSecret() {
        return webhookSecret;
    }

    public boolean duplicateWebhooks() {
        return duplicateWebhooks;
    }

    public long webhookTimeoutMillis() {
        return webhookTimeoutMillis;
    }

    public double schedulingRatePerSecond() {
        return schedulingRatePerSecond;
    }

    public boolean lookupsOverCap() {
        return lookupsOverCap;
    }

    public long faultSeed() {
        return faultSeed;
    }

    @Override
    public String toString() {
        // Never the webhook secret.
        return "SandboxOptions[seed=" + seed + ", jobs=" + jobs + ", rateLimited=" + rateLimited
                + ", timeScale=" + timeScale + ", port=" + port + ", webhookUrl=" + webhookUrl
                + ", duplicateWebhooks=" + duplicateWebhooks + ", schedulingRatePerSecond="
                + schedulingRatePerSecond + ", lookupsOverCap=" + lookupsOverCap + ", schedulerConfirms="
                + schedulerConfirms + ", confirmDelaySeconds=" + confirmDelayMinSeconds + "-" + confirmDelayMaxSeconds
                + ", officeEdits=" + officeEdits + ", officeEditRatePerSecond=" + officeEditRatePerSecond
                + ", clockOffsetSeconds=" + clockOffsetSeconds + ", replicationLagSeconds=" + replicationLagSeconds
                + ", cursorParameter=" + cursorParameter + ", rejectUnknownParameters=" + rejectUnknownParameters + "]";
    }
}
