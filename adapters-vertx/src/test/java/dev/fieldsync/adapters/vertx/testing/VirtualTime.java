package dev.fieldsync.adapters.vertx.testing;

import dev.fieldsync.adapters.memory.ManualClock;
import dev.fieldsync.adapters.vertx.gateway.Sleeper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A sleeper that advances a manual clock instead of waiting, and remembers every pause. */
public final class VirtualTime implements Sleeper {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-07-01T00:00:00Z"));
    private final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());

    public ManualClock clock() {
        return clock;
    }

    @Override
    public void sleep(Duration duration) {
        sleeps.add(duration);
        clock.advance(duration);
    }

    public List<Duration> sleeps() {
        synchronized (sleeps) {
            return List.copyOf(sleeps);
        }
    }
}
