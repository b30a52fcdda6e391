package dev.fieldsync.app.config;

import dev.fieldsync.adapters.vertx.gateway.VertxGatewayOptions;
import dev.fieldsync.application.CoreSettings;
import dev.fieldsync.application.RequestCaps;
import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.domain.webhook.WebhookSecret;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads and checks every {@code fieldsync.*} property. The first missing or malformed one throws a
 * {@link ConfigurationProblem} whose message names the property and the fix.
 */
public final class SettingsReader {
    public static final String DEFAULT_INTEGRATION = "default";
    public static final int GATEWAY_RATE_LIMIT = 40;
    public static final int MIN_TOKEN_LENGTH = 16;

    private final PropertyValues values;

    /**
     * {@code properties} looks a property up by name; blank values count as absent. {@code entries} names the
     * entries under a prefix, as Micronaut's {@code Environment.getPropertyEntries} does (the named API tokens).
     */
    public SettingsReader(Function<String, Optional<String>> properties, Function<String, Collection<String>> entries) {
        this.values = new PropertyValues(properties, entries);
    }

    /** Settings from plain properties; the entries under a prefix are derived from the keys. */
    public static SettingsReader of(Map<String, ?> properties) {
        return new SettingsReader(
                name -> Optional.ofNullable(properties.get(name)).map(String::valueOf),
                prefix -> properties.keySet().stream()
                        .filter(key -> key.startsWith(prefix + ".") && key.length() > prefix.length() + 1)
                        .map(key -> key.substring(prefix.length() + 1).split("\\.", 2)[0])
                        .collect(Collectors.toSet()));
    }

    /** A positive duration injected outside {@link #read()} (with {@code @Value}); a bad one stops start-up. */
    public static Duration positiveDuration(String property, String text) {
        Duration value = PropertyValues.parseDuration(property, text);
        PropertyValues.positive(property, value);
        return value;
    }

    public FieldsyncSettings read() {
        FieldsyncSettings.Gateway gateway = gateway();
        FieldsyncSettings.Dispatch dispatch = dispatch();
        claimOutlastsACall(dispatch, gateway);
        return new FieldsyncSettings(
                integration(),
                gateway,
                key(),
                budget(),
                sync(),
                dispatch,
                submissions(),
                lookups(),
                requestCaps(),
                webhooks(),
                api(),
                tracing(),
                new SweepSettingsReader(values).read(),
                new ChangeDeliverySettingsReader(values, name -> Optional.ofNullable(System.getenv(name))).read(),
                InstanceSettings.read(values, name -> Optional.ofNullable(System.getenv(name))),
                new IntegrationsSettingsReader(values, integration()).read());
    }

    /**
     * A claim older than the lease is taken over by another sender: were the lease shorter than a gateway call, a
     * create whose first sender is still waiting for its answer could be sent a second time.
     */
    private static void claimOutlastsACall(FieldsyncSettings.Dispatch dispatch, FieldsyncSettings.Gateway gateway) {
        if (dispatch.claimLease().compareTo(gateway.deadline()) <= 0) {
            throw new ConfigurationProblem(
                    "fieldsync.dispatch.claim-lease",
                    "is " + dispatch.claimLease().toSeconds() + "s, not longer than fieldsync.gateway.deadline ("
                            + gateway.deadline().toSeconds() + "s): a create still being sent could be sent again",
                    "set it above the deadline (the default is 2m against a 60s deadline)");
        }
    }

    private IntegrationId integration() {
        String value = values.text("fieldsync.integration-id", DEFAULT_INTEGRATION);
        try {
            return IntegrationId.of(value);
        } catch (IllegalArgumentException malformed) {
            throw new ConfigurationProblem(
                    "fieldsync.integration-id",
                    "is '" + value + "', which is not allowed",
                    "use 1-63 characters of a-z, 0-9, '_' or '-' (e.g. acme-erp)");
        }
    }

    private FieldsyncSettings.Gateway gateway() {
        String property = "fieldsync.gateway.base-url";
        String value = values.raw(property)
                .orElseThrow(
                        () -> new ConfigurationProblem(
                                property,
                                "is not set",
                                "set FIELDSYNC_GATEWAY_URL to the https:// address the gateway operator gave you, or pass --gateway URL"));
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException malformed) {
            throw new ConfigurationProblem(
                    property, "is not a URL (" + malformed.getReason() + ")", "use the form https://host[:port]");
        }
        boolean allowPlain = values.bool("fieldsync.gateway.allow-plain-http", false);
        String scheme = Optional.ofNullable(uri.getScheme()).orElse("").toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new ConfigurationProblem(
                    property, "is '" + value + "', not an http(s) URL with a host", "use the form https://host[:port]");
        }
        if (scheme.equals("http") && !allowPlain && !isLoopback(uri.getHost())) {
            throw new ConfigurationProblem(
                    property,
                    "uses plain http, which would send the API key unencrypted",
                    "use https://, or set fieldsync.gateway.allow-plain-http=true for a sandbox on another machine");
        }
        return new FieldsyncSettings.Gateway(uri, allowPlain, client());
    }

    private VertxGatewayOptions client() {
        VertxGatewayOptions defaults = VertxGatewayOptions.defaults();
        Duration attemptTimeout =
                values.positiveDuration("fieldsync.gateway.attempt-timeout", defaults.attemptTimeout());
        Duration backoffBase = values.positiveDuration("fieldsync.gateway.backoff-base", defaults.backoffBase());
        Duration backoffCap = values.positiveDuration("fieldsync.gateway.backoff-cap", defaults.backoffCap());
        if (backoffCap.compareTo(backoffBase) < 0) {
            throw new ConfigurationProblem(
                    "fieldsync.gateway.backoff-cap",
                    "is below fieldsync.gateway.backoff-base",
                    "make it at least the base (e.g. base 1s, cap 20s)");
        }
        String cursor = values.text("fieldsync.gateway.cursor-parameter", VertxGatewayOptions.DEFAULT_CURSOR_PARAMETER);
        if (!VertxGatewayOptions.isCursorParameterName(cursor)) {
            throw new ConfigurationProblem(
                    "fieldsync.gateway.cursor-parameter",
                    "is '" + cursor + "', which cannot be a query parameter's name",
                    "use the name the gateway documents for its cursor (1-64 of A-Z a-z 0-9 _ . - [ ]), e.g. cursor");
        }
        return new VertxGatewayOptions(
                attemptTimeout,
                values.positiveDuration("fieldsync.gateway.deadline", defaults.deadline()),
                values.integer("fieldsync.gateway.max-attempts", defaults.maxAttempts(), 1, 100),
                values.integer(
                        "fieldsync.gateway.max-response-bytes",
                        (int) defaults.maxResponseBytes(),
                        1024,
                        Integer.MAX_VALUE),
                values.integer("fieldsync.gateway.max-connections", defaults.maxConnections(), 1, 256),
                backoffBase,
                backoffCap,
                cursor);
    }

    private static boolean isLoopback(String host) {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]") || host.equals("::1");
    }

    private FieldsyncSettings.Key key() {
        return new FieldsyncSettings.Key(
                values.text("fieldsync.key.env-var", "FIELDSYNC_API_KEY"),
                values.existingFile("fieldsync.key.file"),
                values.existingFile("fieldsync.key.next-file"),
                values.raw("fieldsync.key.value"));
    }

    private FieldsyncSettings.Budget budget() {
        int rate = values.integer("fieldsync.budget.rate-per-minute", 38, 1, 1000);
        int burst = values.integer("fieldsync.budget.burst", rate, 1, 1000);
        int reserve = values.integer("fieldsync.budget.background-reserve", Math.min(4, burst - 1), 0, 1000);
        if (reserve >= burst) {
            throw new ConfigurationProblem(
                    "fieldsync.budget.background-reserve",
                    "is " + reserve + " but must be below fieldsync.budget.burst (" + burst + ")",
                    "lower it (4 is a good value) so background work can still run");
        }
        Duration pause = values.duration("fieldsync.budget.pause-after-rate-limited", Duration.ofMinutes(1));
        if (pause.isNegative()) {
            throw new ConfigurationProblem("fieldsync.budget.pause-after-rate-limited", "is negative", "use e.g. 1m");
        }
        return new FieldsyncSettings.Budget(rate, burst, reserve, pause, values.bool("fieldsync.budget.shared", false));
    }

    private FieldsyncSettings.Sync sync() {
        Duration interval = values.duration("fieldsync.sync.interval", Duration.ofMinutes(5));
        Duration overlap = values.duration("fieldsync.sync.overlap", Duration.ofMinutes(2));
        Duration horizon = values.duration("fieldsync.sync.first-pass-horizon", Duration.ofDays(365));
        PropertyValues.positive("fieldsync.sync.interval", interval);
        if (overlap.isNegative()) {
            throw new ConfigurationProblem("fieldsync.sync.overlap", "is negative", "use e.g. 2m");
        }
        PropertyValues.positive("fieldsync.sync.first-pass-horizon", horizon);
        Duration catchUp = values.duration("fieldsync.sync.catch-up-check", Duration.ofSeconds(5));
        PropertyValues.positive("fieldsync.sync.catch-up-check", catchUp);
        Duration maxLag = values.duration(
                "fieldsync.sync.max-lag", interval.multipliedBy(3).plus(overlap));
        PropertyValues.positive("fieldsync.sync.max-lag", maxLag);
        return new FieldsyncSettings.Sync(
                values.bool("fieldsync.sync.enabled", true),
                interval,
                overlap,
                horizon,
                catchUp,
                maxLag,
                values.notNegativeDuration("fieldsync.sync.requested-pass-interval", Duration.ofSeconds(10)),
                values.bool("fieldsync.sync.gateway-clock", true),
                values.integer("fieldsync.sync.stall-after-intervals", 3, 1, 1000),
                values.integer("fieldsync.sync.stall-after-failed-passes", 3, 2, 1000));
    }

    private FieldsyncSettings.Dispatch dispatch() {
        Duration interval = values.duration("fieldsync.dispatch.interval", Duration.ofSeconds(2));
        PropertyValues.positive("fieldsync.dispatch.interval", interval);
        CoreSettings core = CoreSettings.defaults();
        Duration backoffBase =
                values.positiveDuration("fieldsync.dispatch.retry-backoff-base", core.retryBackoffBase());
        Duration backoffMax = values.positiveDuration("fieldsync.dispatch.retry-backoff-max", core.retryBackoffMax());
        return new FieldsyncSettings.Dispatch(
                interval,
                values.integer("fieldsync.dispatch.batch", 10, 1, 100),
                values.positiveDuration("fieldsync.dispatch.claim-lease", core.claimLease()),
                backoffBase,
                backoffMax,
                values.integer("fieldsync.dispatch.max-send-attempts", core.maxSendAttempts(), 1, 1000));
    }

    private FieldsyncSettings.Lookups lookups() {
        CoreSettings core = CoreSettings.defaults();
        Duration interval =
                values.duration("fieldsync.lookups.stale-id-refresh-interval", core.staleIdRefreshInterval());
        if (interval.isNegative()) {
            throw new ConfigurationProblem("fieldsync.lookups.stale-id-refresh-interval", "is negative", "use e.g. 5m");
        }
        return new FieldsyncSettings.Lookups(
                values.positiveDuration("fieldsync.lookups.refresh-age", core.lookupRefreshAge()), interval);
    }

    /** The budget guard of the REST API's refresh and verify; zero switches a cap off. */
    private RequestCaps requestCaps() {
        RequestCaps defaults = RequestCaps.defaults();
        return new RequestCaps(
                values.notNegativeDuration(
                        "fieldsync.lookups.requested-refresh-interval", defaults.requestedRefreshInterval()),
                values.notNegativeDuration("fieldsync.verify.reuse-for", defaults.verifyReuse()),
                values.notNegativeDuration("fieldsync.verify.forced-run-interval", defaults.forcedVerifyInterval()));
    }

    private FieldsyncSettings.Submissions submissions() {
        CoreSettings core = CoreSettings.defaults();
        Duration margin = values.positiveDuration("fieldsync.submissions.reconcile-margin", core.reconcileMargin());
        return new FieldsyncSettings.Submissions(
                values.bool("fieldsync.submissions.notes-reference", core.notesReference()), margin);
    }

    private FieldsyncSettings.Webhooks webhooks() {
        List<WebhookSecret> secrets = new ArrayList<>();
        values.raw("fieldsync.webhook.secret").map(WebhookSecret::of).ifPresent(secrets::add);
        values.raw("fieldsync.webhook.secondary-secret").map(WebhookSecret::of).ifPresent(secrets::add);
        Duration refusalLogInterval = values.duration("fieldsync.webhook.refusal-log-interval", Duration.ofMinutes(1));
        PropertyValues.positive("fieldsync.webhook.refusal-log-interval", refusalLogInterval);
        return new FieldsyncSettings.Webhooks(secrets, refusalLogInterval);
    }

    private FieldsyncSettings.Api api() {
        return ApiSettings.read(values);
    }

    private FieldsyncSettings.Tracing tracing() {
        String property = "fieldsync.tracing.otlp-endpoint";
        String endpoint = values.text(property, "http://localhost:4318/v1/traces");
        URI uri;
        try {
            uri = new URI(endpoint);
        } catch (URISyntaxException malformed) {
            throw new ConfigurationProblem(property, "is not a URL", "use e.g. http://collector:4318/v1/traces");
        }
        return new FieldsyncSettings.Tracing(
                values.bool("fieldsync.tracing.enabled", false),
                uri,
                values.text("fieldsync.tracing.service-name", "fieldsync"));
    }

    /** Checks the datasource URL: embedded H2 or PostgreSQL. */
    public String datasourceUrl() {
        String property = "datasources.default.url";
        String url = values.raw(property)
                .orElseThrow(
                        () -> new ConfigurationProblem(
                                property,
                                "is not set",
                                "set FIELDSYNC_DB_URL, e.g. jdbc:h2:file:./data/fieldsync or jdbc:postgresql://host:5432/fieldsync"));
        if (!url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:postgresql:")) {
            throw new ConfigurationProblem(
                    property,
                    "is '" + url + "', which is neither H2 nor PostgreSQL",
                    "use jdbc:h2:file:./data/fieldsync or jdbc:postgresql://host:5432/db");
        }
        return url;
    }
}
