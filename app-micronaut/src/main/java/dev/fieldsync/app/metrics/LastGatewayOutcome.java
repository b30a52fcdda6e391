package dev.fieldsync.app.metrics;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/** Remembers how the last gateway call went, so health can report it without spending budget. */
public final class LastGatewayOutcome {

    /** One finished call: its route, its outcome (ok or a problem code) and when it ended. */
    public record Call(String route, String outcome, boolean healthy, Instant at) {}

    private final AtomicReference<Call> last = new AtomicReference<>();
    private final Clock clock;

    public LastGatewayOutcome(Clock clock) {
        this.clock = clock;
    }

    void record(String route, String outcome, boolean healthy) {
        last.set(new Call(route, outcome, healthy, clock.instant()));
    }

    public Optional<Call> last() {
        return Optional.ofNullable(last.get());
    }
}
