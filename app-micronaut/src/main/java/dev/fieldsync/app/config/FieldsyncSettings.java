package dev.fieldsync.app.config;

import dev.fieldsync.adapters.vertx.gateway.VertxGatewayOptions;
import dev.fieldsync.application.RequestCaps;
import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.domain.integration.Integration;
import dev.fieldsync.domain.sync.SweepSettings;
import dev.fieldsync.domain.webhook.WebhookSecret;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Every fieldsync setting, read and checked once at start-up by {@link SettingsReader}. Secrets are held
 * only as redacting types or by where they come from; {@link #toString()} never shows one.
 */
public record FieldsyncSettings(
        IntegrationId integration,
        Gateway gateway,
        Key key,
        Budget budget,
        Sync sync,
        Dispatch dispatch,
        Submissions submissions,
        Lookups lookups,
        RequestCaps requestCaps,
        Webhooks webhooks,
        Api api,
        Tracing tracing,
        SweepSettings sweep,
        ChangeDeliverySettings changeDelivery,
        InstanceSettings instance,
        List<Integration> integrations) {

    public FieldsyncSettings {
        integrations = List.copyOf(integrations);
    }

    /** The gateway's base URL, whether plain http is allowed (the sandbox, tests), and the client's tunables. */
    public record Gateway(URI baseUrl, boolean allowPlainHttp, VertxGatewayOptions client) {
        /** One attempt's timeout. */
        public Duration attemptTimeout() {
            return client.attemptTimeout();
        }

        /** A whole call's deadline, retries and backoff included, budget waits excluded. */
        public Duration deadline() {
            return client.deadline();
        }
    }

    /**
     * Where the API key comes from: a fixed value (tests, the demo), else a key file when one is set, else the
     * environment variable; a second key ({@code <env-var>_NEXT} or the next file) is tried after a 401 during a
     * rotation window.
     */
    public record Key(String envVar, Optional<Path> file, Optional<Path> nextFile, Optional<String> fixedValue) {
        @Override
        public String toString() {
            return "Key[envVar=" + envVar + ", file=" + file + ", nextFile=" + nextFile + ", fixed="
                    + fixedValue.isPresent() + "]";
        }
    }

    /** The request budget: rate and burst per minute, the interactive reserve, the pause after a 429, local or shared. */
    public record Budget(
            int ratePerMinute, int burst, int backgroundReserve, Duration pauseAfterRateLimited, boolean shared) {}

    /**
     * Periodic sync: on/off, interval, overlap, how far back the first pass reaches, and when it counts as stalled
     * (no movement for that many intervals, or that many failed passes in a row at one checkpoint).
     */
    public record Sync(
            boolean enabled,
            Duration interval,
            Duration overlap,
            Duration firstPassHorizon,
            Duration catchUpCheck,
            Duration maxLag,
            Duration requestedPassInterval,
            boolean gatewayClock,
            int stallAfterIntervals,
            int stallAfterFailedPasses) {}

    /**
     * Outbox dispatch: how often every instance looks for due submissions, how many it claims at once, how long a
     * claim lasts before a dead sender's submission is taken over, and the retries of a create refused with
     * "nothing ran" (backoff from base, doubling up to max, at most that many attempts).
     */
    public record Dispatch(
            Duration interval,
            int batch,
            Duration claimLease,
            Duration retryBackoffBase,
            Duration retryBackoffMax,
            int maxSendAttempts) {}

    /** The lookup catalog: refreshed when older than the refresh age, at most once per interval after a stale id. */
    public record Lookups(Duration refreshAge, Duration staleIdRefreshInterval) {}

    /**
     * Job creates: whether the reference line ({@code [fieldsync:<external id>]}) is added to the notes sent, so a
     * create whose answer was lost is found again by it (off: found by site and title only, more often left for
     * review); how long after giving up on a create a completed pass must reach before "not found" counts.
     */
    public record Submissions(boolean notesReference, Duration reconcileMargin) {}

    /**
     * Webhook signing secrets (the current one and, during a rotation, the other) and how often refused
     * deliveries are logged: one line per interval, the rest counted.
     */
    public record Webhooks(List<WebhookSecret> secrets, Duration refusalLogInterval) {
        public Webhooks {
            secrets = List.copyOf(secrets);
        }
    }

    /**
     * The named tokens that may call the service's API (hashes and scopes, never a token itself; the one of
     * {@code fieldsync.api.token} is held as its hash too, named {@code default}), and JWT bearer tokens when a
     * JWKS URL is set.
     */
    public record Api(List<ApiToken> tokens, Optional<JwtSettings> jwt) {
        public Api {
            tokens = List.copyOf(tokens);
        }

        /** Nothing, or the one-line problem that stops a service from starting without a token or JWTs. */
        public void requireCredentials() {
            if (tokens.isEmpty() && jwt.isEmpty()) {
                throw new ConfigurationProblem(
                        "fieldsync.api.token",
                        "is not set",
                        "set FIELDSYNC_API_TOKEN to a random string of at least 16 characters (e.g. openssl rand -hex 24), "
                                + "or name tokens by their hashes in fieldsync.api.tokens.<name>.hashes (fieldsync token new), "
                                + "or accept JWTs (fieldsync.api.jwt.jwks-url)");
            }
        }
    }

    /** OpenTelemetry OTLP export; off by default. */
    public record Tracing(boolean enabled, URI otlpEndpoint, String serviceName) {}
}
