package dev.fieldsync.ports.out.gateway;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The gateway's clock as its answers show it (the {@code Date} header): the estimated offset of its clock against
 * ours. Sync windows are built on it (GATEWAY-API.md §9), because the gateway stamps {@code updated_at} with it.
 */
public interface GatewayClock {
    /** No estimate, ever (a gateway adapter that reads no headers): windows stay on our clock. */
    GatewayClock NONE = new GatewayClock() {
        @Override
        public Optional<Duration> offset() {
            return Optional.empty();
        }

        @Override
        public boolean estimates() {
            return false;
        }
    };

    /** The gateway's clock minus ours, once an answer carried a usable {@code Date} header. */
    Optional<Duration> offset();

    /** Whether answers feed the estimate; false for {@link #NONE}. */
    default boolean estimates() {
        return true;
    }

    /** {@code ours} moved onto the gateway's clock (unchanged while there is no estimate). */
    default Instant onGatewayClock(Instant ours) {
        return offset().map(ours::plus).orElse(ours);
    }
}
