package dev.fieldsync.domain.integration;

import dev.fieldsync.domain.id.IntegrationId;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One gateway key's integration as the registry holds it: the gateway it calls, where its key (and the next key of
 * a rotation) and its webhook secrets come from — references, never the secrets — how often it syncs, its budget,
 * whether it is enabled where declared and whether an operator paused it (and since when).
 */
public record Integration(
        IntegrationId id,
        URI gatewayUrl,
        SecretReference key,
        Optional<SecretReference> nextKey,
        List<SecretReference> webhookSecrets,
        Duration syncInterval,
        IntegrationBudget budget,
        boolean enabled,
        IntegrationOrigin origin,
        Optional<Instant> pausedAt) {

    public Integration {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(gatewayUrl, "gatewayUrl");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(nextKey, "nextKey");
        webhookSecrets = List.copyOf(webhookSecrets);
        Objects.requireNonNull(syncInterval, "syncInterval");
        Objects.requireNonNull(budget, "budget");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(pausedAt, "pausedAt");
        if (syncInterval.isNegative() || syncInterval.isZero()) {
            throw new IllegalArgumentException("the sync interval is positive");
        }
        if (gatewayUrl.getHost() == null) {
            throw new IllegalArgumentException("the gateway URL has a host");
        }
    }

    public boolean paused() {
        return pausedAt.isPresent();
    }

    /** Disabled wins over paused: a disabled integration runs nothing whatever its pause. */
    public IntegrationState state() {
        if (!enabled) {
            return IntegrationState.DISABLED;
        }
        return paused() ? IntegrationState.PAUSED : IntegrationState.RUNNING;
    }

    /** Paused since {@code at}, or since when it already was. */
    public Integration pausedSince(Instant at) {
        return paused() ? this : withPausedAt(Optional.of(at));
    }

    public Integration resumed() {
        return withPausedAt(Optional.empty());
    }

    /** The same declaration with this pause state (the registry keeps the pause across declarations). */
    public Integration withPausedAt(Optional<Instant> value) {
        return new Integration(
                id, gatewayUrl, key, nextKey, webhookSecrets, syncInterval, budget, enabled, origin, value);
    }
}
