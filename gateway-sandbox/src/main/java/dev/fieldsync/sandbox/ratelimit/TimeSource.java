package dev.fieldsync.sandbox.ratelimit;

/** Monotonic time in (scaled) nanoseconds. Injectable so buckets can be tested without sleeping. */
@FunctionalInterface
public interface TimeSource {
    long nanos();
}
