package dev.fieldsync.ports.in.write;

/**
 * Sends due submissions at interactive priority and settles outcome-unknown ones from sync passes. Safe to
 * run on every instance at once: each submission is claimed by exactly one.
 */
public interface DispatchSubmissions {

    /** Claims and sends up to {@code max} due submissions; returns what happened to them. */
    DispatchReport dispatchDue(int max);

    /** How many of the claimed submissions ended in each way. */
    record DispatchReport(int created, int outcomeUnknown, int failed, int retryLater) {
        public int total() {
            return created + outcomeUnknown + failed + retryLater;
        }
    }
}
