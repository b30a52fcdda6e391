package dev.fieldsync.adapters.vertx.gateway;

import dev.fieldsync.ports.out.gateway.GatewayClock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Optional;

/**
 * The gateway's clock from the {@code Date} header of its answers: each answer gives one sample, the header's
 * time plus half a second (an HTTP date is cut to whole seconds, so the gateway's clock was somewhere in that
 * second) minus the midpoint of our send and receive times (the header was written somewhere in between); the
 * estimate is the median of the last {@value #SAMPLES} samples, which a slow answer or a held request cannot drag.
 * Thread-safe.
 */
final class DateHeaderClock implements GatewayClock {
    static final int SAMPLES = 15;

    private final long[] samples = new long[SAMPLES];
    private int count;
    private int next;

    /** One answer: when we sent it, when its answer arrived, and its {@code Date} header (null, junk: ignored). */
    void record(Instant sent, Instant received, String dateHeader) {
        if (dateHeader == null || received.isBefore(sent)) {
            return;
        }
        Instant gateway;
        try {
            gateway = ZonedDateTime.parse(dateHeader.strip(), DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant();
        } catch (DateTimeParseException notAnHttpDate) {
            return;
        }
        Instant midpoint = sent.plus(Duration.between(sent, received).dividedBy(2));
        long offset = Duration.between(midpoint, gateway.plusMillis(500)).toMillis();
        synchronized (samples) {
            samples[next] = offset;
            next = (next + 1) % SAMPLES;
            count = Math.min(count + 1, SAMPLES);
        }
    }

    @Override
    public Optional<Duration> offset() {
        long[] recent;
        synchronized (samples) {
            recent = Arrays.copyOf(samples, count);
        }
        if (recent.length == 0) {
            return Optional.empty();
        }
        Arrays.sort(recent);
        int middle = recent.length / 2;
        long median = recent.length % 2 == 1 ? recent[middle] : (recent[middle - 1] + recent[middle]) / 2;
        return Optional.of(Duration.ofMillis(median));
    }
}
