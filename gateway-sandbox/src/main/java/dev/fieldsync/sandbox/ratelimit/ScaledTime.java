package dev.fieldsync.sandbox.ratelimit;

/**
 * Sandbox time: real {@code System.nanoTime()} sped up by a factor (10.0 = ten times faster).
 * Changing the factor re-bases, so sandbox time stays continuous and monotonic.
 */
public final class ScaledTime implements TimeSource {
    private final TimeSource real;
    private double scale;
    private long baseReal;
    private long baseScaled;

    public ScaledTime(double scale) {
        this(System::nanoTime, scale);
    }

    public ScaledTime(TimeSource real, double scale) {
        this.real = real;
        check(scale);
        this.scale = scale;
        this.baseReal = real.nanos();
        this.baseScaled = 0;
    }

    private static void check(double scale) {
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("time scale must be > 0");
        }
    }

    @Override
    public synchronized long nanos() {
        return baseScaled + (long) ((real.nanos() - baseReal) * scale);
    }

    public synchronized double scale() {
        return scale;
    }

    public synchronized void scale(double newScale) {
        check(newScale);
        long now = real.nanos();
        baseScaled = baseScaled + (long) ((now - baseReal) * scale);
        baseReal = now;
        scale = newScale;
    }

    /** Real milliseconds (at least 1) that correspond to {@code scaledNanos} of sandbox time. */
    public long realMillis(long scaledNanos) {
        double ms = scaledNanos / scale() / 1_000_000.0;
        return Math.max(1L, (long) Math.ceil(ms));
    }
}
