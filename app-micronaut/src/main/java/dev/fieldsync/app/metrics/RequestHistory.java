package dev.fieldsync.app.metrics;

import dev.fieldsync.ports.out.budget.Priority;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Gateway calls per minute over the last hour, by series (each {@link Priority}, and the lookups as their own), with
 * the 429s reported per minute: a ring of {@value #MINUTES} one-minute slots on the injected clock, so it costs a
 * fixed few kilobytes and nothing older than an hour is kept. The metrics decorators record into it; the console's
 * budget page draws it. In memory only: a restart starts an empty hour.
 */
public final class RequestHistory {
    /** How many minutes it keeps. */
    public static final int MINUTES = 60;
    /** The series of the lookup reads, whatever priority they were spent at. */
    public static final String LOOKUPS = "lookups";

    private final Clock clock;
    private final List<String> series;
    private final long[] minuteOfSlot = new long[MINUTES];
    private final int[][] calls;
    private final int[] rateLimited = new int[MINUTES];

    public RequestHistory(Clock clock) {
        this.clock = clock;
        this.series = Stream.concat(Arrays.stream(Priority.values()).map(RequestHistory::seriesOf), Stream.of(LOOKUPS))
                .toList();
        this.calls = new int[MINUTES][series.size()];
        Arrays.fill(minuteOfSlot, Long.MIN_VALUE);
    }

    /** The series a call spent at {@code priority} belongs to (lookups aside). */
    public static String seriesOf(Priority priority) {
        return priority.name().toLowerCase(Locale.ROOT);
    }

    /** The series names, in the order of {@link Priority#values()}, then {@value #LOOKUPS}. */
    public List<String> series() {
        return series;
    }

    /** One call of {@code name}'s series this minute. */
    public void recordCall(String name) {
        int index = series.indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException("no series " + name + "; the series are " + series);
        }
        synchronized (this) {
            calls[slot()][index]++;
        }
    }

    /** The gateway answered 429 this minute. */
    public synchronized void recordRateLimited() {
        rateLimited[slot()]++;
    }

    /** The last hour, oldest minute first, the current (partial) minute last; minutes with nothing are zeros. */
    public synchronized List<Minute> lastHour() {
        long now = epochMinute();
        List<Minute> minutes = new ArrayList<>(MINUTES);
        for (long minute = now - MINUTES + 1; minute <= now; minute++) {
            int slot = (int) Math.floorMod(minute, (long) MINUTES);
            Map<String, Integer> counts = new LinkedHashMap<>();
            boolean kept = minuteOfSlot[slot] == minute;
            for (int i = 0; i < series.size(); i++) {
                counts.put(series.get(i), kept ? calls[slot][i] : 0);
            }
            minutes.add(
                    new Minute(Instant.ofEpochSecond(minute * 60), Map.copyOf(counts), kept ? rateLimited[slot] : 0));
        }
        return List.copyOf(minutes);
    }

    /** The slot of the current minute, cleared first when it last held an older minute. */
    private int slot() {
        long minute = epochMinute();
        int slot = (int) Math.floorMod(minute, (long) MINUTES);
        if (minuteOfSlot[slot] != minute) {
            minuteOfSlot[slot] = minute;
            Arrays.fill(calls[slot], 0);
            rateLimited[slot] = 0;
        }
        return slot;
    }

    private long epochMinute() {
        return Math.floorDiv(
                clock.instant().getEpochSecond(), Duration.ofMinutes(1).toSeconds());
    }

    /** One minute: when it started, the calls of each series, the 429s. */
    public record Minute(Instant start, Map<String, Integer> calls, int rateLimited) {
        public int total() {
            return calls.values().stream().mapToInt(Integer::intValue).sum();
        }
    }
}
