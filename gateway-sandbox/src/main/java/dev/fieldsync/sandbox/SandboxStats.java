package dev.fieldsync.sandbox;

import java.util.Map;

/**
 * Request statistics. {@code requestsLastMinuteByKey} counts, per masked key (see
 * {@link SandboxKeys#mask}), the /v1 requests admitted by the rate limiter in the last (scaled) minute. The last
 * three count what the scheduling team and the office did (see {@link SandboxSettings#schedulerConfirms()}).
 */
public record SandboxStats(
        long totalRequests,
        long rateLimited,
        Map<String, Long> requestsLastMinuteByKey,
        long webhookAttempts,
        long webhooksDelivered,
        long webhooksAbandoned,
        long jobsConfirmedByScheduler,
        long officeEdits,
        long notesReplacedByOffice) {

    /** Admitted requests of this key in the last (scaled) minute. */
    public long requestsLastMinute(String key) {
        return requestsLastMinuteByKey.getOrDefault(SandboxKeys.mask(key), 0L);
    }
}
