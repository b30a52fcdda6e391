package dev.fieldsync.adapters.vertx.key;

import dev.fieldsync.domain.key.ApiKey;
import dev.fieldsync.ports.out.gateway.KeySource;
import dev.fieldsync.ports.out.gateway.KeyUnavailableException;
import java.util.List;
import java.util.Objects;

/**
 * Two sources during a rotation window: the current key first, then the next one (for example the current
 * key from the environment and the next from a secret file). When the next source has no key the current
 * one is used alone; when the current source has none the next one is used alone.
 */
public final class RotatingKeySource implements KeySource {
    private final KeySource current;
    private final KeySource next;

    public RotatingKeySource(KeySource current, KeySource next) {
        this.current = Objects.requireNonNull(current, "current");
        this.next = Objects.requireNonNull(next, "next");
    }

    @Override
    public List<ApiKey> keys() {
        ApiKey first;
        try {
            first = current.keys().get(0);
        } catch (KeyUnavailableException noCurrent) {
            try {
                return List.of(next.keys().get(0));
            } catch (KeyUnavailableException noNext) {
                throw new KeyUnavailableException("no key from " + current.describe() + " (" + noCurrent.getMessage()
                        + ") nor from " + next.describe() + " (" + noNext.getMessage() + ")");
            }
        }
        try {
            ApiKey second = next.keys().get(0);
            return second.equals(first) ? List.of(first) : List.of(first, second);
        } catch (KeyUnavailableException noNext) {
            return List.of(first);
        }
    }

    @Override
    public String describe() {
        return current.describe() + ", then " + next.describe();
    }

    @Override
    public String toString() {
        return "RotatingKeySource[" + current + ", " + next + "]";
    }
}
