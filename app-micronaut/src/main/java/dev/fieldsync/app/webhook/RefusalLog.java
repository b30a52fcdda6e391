package dev.fieldsync.app.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;

/**
 * Logs refused webhook deliveries without letting anyone who can reach the receiver fill the log: the first
 * refusal of an interval gets a line (its caller-supplied values already made safe by the caller), the rest of
 * the interval are counted by kind, and the counts are logged with the next refusal after the interval.
 */
final class RefusalLog {
    private final Logger log;
    private final Clock clock;
    private final Duration interval;
    private final Map<String, Integer> counted = new TreeMap<>();
    private Instant intervalStart;

    RefusalLog(Logger log, Clock clock, Duration interval) {
        this.log = log;
        this.clock = clock;
        this.interval = interval;
    }

    /**
     * Records one refusal: {@code kind} is one of a few fixed words (the counts are kept by it), {@code text} what
     * happened, with every caller-supplied value already escaped and cut.
     */
    synchronized void refused(String kind, String text) {
        Instant now = clock.instant();
        if (intervalStart != null && now.isBefore(intervalStart.plus(interval))) {
            counted.merge(kind, 1, Integer::sum);
            return;
        }
        String earlier = summary();
        intervalStart = now;
        log.warn(
                "refused a webhook delivery: {}{}; further refusals in the next {} s are counted, not logged",
                text,
                earlier,
                interval.toSeconds());
    }

    private String summary() {
        if (counted.isEmpty()) {
            return "";
        }
        int total = counted.values().stream().mapToInt(Integer::intValue).sum();
        StringBuilder text = new StringBuilder("; before it, ")
                .append(total)
                .append(" more refused since ")
                .append(intervalStart)
                .append(" (");
        counted.forEach(
                (kind, count) -> text.append(kind).append(": ").append(count).append(", "));
        text.setLength(text.length() - 2);
        counted.clear();
        return text.append(')').toString();
    }
}
