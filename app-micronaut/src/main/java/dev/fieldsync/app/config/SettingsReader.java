package dev.fieldsync.app.config;

import dev.fieldsync.adapters.vertx.gateway.VertxGatewayOptions;
import dev.fieldsync.application.CoreSettings;
import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.domain.webhook.WebhookSecret;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and checks every {@code fieldsync.*} property. The first missing or malformed one throws a
 * {@link ConfigurationProblem} whose message names the property and the fix.
 */
public final class SettingsReader {
    public static final String DEFAULT_INTEGRATION = "default";
    public static final int GATEWAY_RATE_LIMIT = 40;
    public static final int MIN_TOKEN_LENGTH = 16;
    private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    private final Function<String, Optional<String>> properties;

    /** {@code properties} looks a property up by name; blank values count as absent. */
    public SettingsReader(Function<String, Optional<String>> properties) {
        this.properties = name -> properties.apply(name).map(String::strip).filter(value -> !value.isEmpty());
    }

    public FieldsyncSettings read() {
        return new FieldsyncSettings(
                integration(),
                gateway(),
                key(),
                budget(),
                sync(),
                dispatch(),
                submissions(),
                lookups(),
                webhooks(),
                api(),
                tracing());
    }

    private IntegrationId integration() {
        String value = text("fieldsync.integration-id", DEFAULT_INTEGRATION);
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
        String value = properties
                .apply(property)
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
        boolean allowPlain = bool("fieldsync.gateway.allow-plain-http", false);
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
        Duration attemptTimeout = positiveDuration("fieldsync.gateway.attempt-timeout", defaults.attemptTimeout());
        Duration backoffBase = positiveDuration("fieldsync.gateway.backoff-base", defaults.backoffBase());
        Duration backoffCap = positiveDuration("fieldsync.gateway.backoff-cap", defaults.backoffCap());
        if (backoffCap.compareTo(backoffBase) < 0) {
            throw new ConfigurationProblem(
                    "fieldsync.gateway.backoff-cap",
                    "is below fieldsync.gateway.backoff-base",
                    "make it at least the base (e.g. base 1s, cap 20s)");
        }
        return new VertxGatewayOptions(
                attemptTimeout,
                positiveDuration("fieldsync.gateway.deadline", defaults.deadline()),
                integer("fieldsync.gateway.max-attempts", defaults.maxAttempts(), 1, 100),
                integer(
                        "fieldsync.gateway.max-response-bytes",
                        (int) defaults.maxResponseBytes(),
                        1024,
                        Integer.MAX_VALUE),
                integer("fieldsync.gateway.max-connections", defaults.maxConnections(), 1, 256),
                backoffBase,
                backoffCap);
    }

    private static boolean isLoopback(String host) {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]") || host.equals("::1");
    }

    private FieldsyncSettings.Key key() {
        return new FieldsyncSettings.Key(
                text("fieldsync.key.env-var", "FIELDSYNC_API_KEY"),
                existingFile("fieldsync.key.file"),
                existingFile("fieldsync.key.next-file"),
                properties.apply("fieldsync.key.value"));
    }

    private FieldsyncSettings.Budget budget() {
        int rate = integer("fieldsync.budget.rate-per-minute", 38, 1, 1000);
        int burst = integer("fieldsync.budget.burst", rate, 1, 1000);
        int reserve = integer("fieldsync.budget.background-reserve", Math.min(4, burst - 1), 0, 1000);
        if (reserve >= burst) {
            throw new ConfigurationProblem(
                    "fieldsync.budget.background-reserve",
                    "is " + reserve + " but must be below fieldsync.budget.burst (" + burst + ")",
                    "lower it (4 is a good value) so background work can still run");
        }
        Duration pause = duration("fieldsync.budget.pause-after-rate-limited", Duration.ofMinutes(1));
        if (pause.isNegative()) {
            throw new ConfigurationProblem("fieldsync.budget.pause-after-rate-limited", "is negative", "use e.g. 1m");
        }
        return new FieldsyncSettings.Budget(rate, burst, reserve, pause, bool("fieldsync.budget.shared", false));
    }

    private FieldsyncSettings.Sync sync() {
        Duration interval = duration("fieldsync.sync.interval", Duration.ofMinutes(5));
        Duration overlap = duration("fieldsync.sync.overlap", Duration.ofMinutes(2));
        Duration horizon = duration("fieldsync.sync.first-pass-horizon", Duration.ofDays(365));
        positive("fieldsync.sync.interval", interval);
        if (overlap.isNegative()) {
            throw new ConfigurationProblem("fieldsync.sync.overlap", "is negative", "use e.g. 2m");
        }
        positive("fieldsync.sync.first-pass-horizon", horizon);
        Duration catchUp = duration("fieldsync.sync.catch-up-check", Duration.ofSeconds(5));
        positive("fieldsync.sync.catch-up-check", catchUp);
        Duration maxLag =
                duration("fieldsync.sync.max-lag", interval.multipliedBy(3).plus(overlap));
        positive("fieldsync.sync.max-lag", maxLag);
        return new FieldsyncSettings.Sync(
                bool("fieldsync.sync.enabled", true), interval, overlap, horizon, catchUp, maxLag);
    }

    private FieldsyncSettings.Dispatch dispatch() {
        Duration interval = duration("fieldsync.dispatch.interval", Duration.ofSeconds(2));
        positive("fieldsync.dispatch.interval", interval);
        CoreSettings core = CoreSettings.defaults();
        Duration backoffBase = positiveDuration("fieldsync.dispatch.retry-backoff-base", core.retryBackoffBase());
        Duration backoffMax = positiveDuration("fieldsync.dispatch.retry-backoff-max", core.retryBackoffMax());
        return new FieldsyncSettings.Dispatch(
                interval,
                integer("fieldsync.dispatch.batch", 10, 1, 100),
                positiveDuration("fieldsync.dispatch.claim-lease", core.claimLease()),
                backoffBase,
                backoffMax,
                integer("fieldsync.dispatch.max-send-attempts", core.maxSendAttempts(), 1, 1000));
    }

    private FieldsyncSettings.Lookups lookups() {
        CoreSettings core = CoreSettings.defaults();
        Duration interval = duration("fieldsync.lookups.stale-id-refresh-interval", core.staleIdRefreshInterval());
        if (interval.isNegative()) {
            throw new ConfigurationProblem("fieldsync.lookups.stale-id-refresh-interval", "is negative", "use e.g. 5m");
        }
        return new FieldsyncSettings.Lookups(
                positiveDuration("fieldsync.lookups.refresh-age", core.lookupRefreshAge()), interval);
    }

    private FieldsyncSettings.Submissions submissions() {
        CoreSettings core = CoreSettings.defaults();
        Duration margin = positiveDuration("fieldsync.submissions.reconcile-margin", core.reconcileMargin());
        return new FieldsyncSettings.Submissions(
                bool("fieldsync.submissions.notes-reference", core.notesReference()), margin);
    }

    private FieldsyncSettings.Webhooks webhooks() {
        List<WebhookSecret> secrets = new ArrayList<>();
        properties.apply("fieldsync.webhook.secret").map(WebhookSecret::of).ifPresent(secrets::add);
        properties
                .apply("fieldsync.webhook.secondary-secret")
                .map(WebhookSecret::of)
                .ifPresent(secrets::add);
        Duration refusalLogInterval = duration("fieldsync.webhook.refusal-log-interval", Duration.ofMinutes(1));
        positive("fieldsync.webhook.refusal-log-interval", refusalLogInterval);
        return new FieldsyncSettings.Webhooks(secrets, refusalLogInterval);
    }

    private FieldsyncSettings.Api api() {
        Optional<String> token = properties.apply("fieldsync.api.token");
        if (token.isPresent() && token.get().length() < MIN_TOKEN_LENGTH) {
            throw new ConfigurationProblem(
                    "fieldsync.api.token",
                    "is " + token.get().length() + " characters, too short to protect the API",
                    "use at least " + MIN_TOKEN_LENGTH + " random characters (e.g. openssl rand -hex 24)");
        }
        return new FieldsyncSettings.Api(token);
    }

    private FieldsyncSettings.Tracing tracing() {
        String property = "fieldsync.tracing.otlp-endpoint";
        String endpoint = text(property, "http://localhost:4318/v1/traces");
        URI uri;
        try {
            uri = new URI(endpoint);
        } catch (URISyntaxException malformed) {
            throw new ConfigurationProblem(property, "is not a URL", "use e.g. http://collector:4318/v1/traces");
        }
        return new FieldsyncSettings.Tracing(
                bool("fieldsync.tracing.enabled", false), uri, text("fieldsync.tracing.service-name", "fieldsync"));
    }

    /** Checks the datasource URL: embedded H2 or PostgreSQL. */
    public String datasourceUrl() {
        String property = "datasources.default.url";
        String url = properties
                .apply(property)
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

    private String text(String property, String fallback) {
        return properties.apply(property).orElse(fallback);
    }

    private boolean bool(String property, boolean fallback) {
        Optional<String> value = properties.apply(property);
        if (value.isEmpty()) {
            return fallback;
        }
        return switch (value.get().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default ->
                throw new ConfigurationProblem(
                        property, "is '" + value.get() + "', not a boolean", "use true or false");
        };
    }

    private int integer(String property, int fallback, int min, int max) {
        Optional<String> value = properties.apply(property);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.get());
            if (parsed < min || parsed > max) {
                throw new ConfigurationProblem(
                        property,
                        "is " + parsed + ", outside " + min + "-" + max,
                        "use a whole number from " + min + " to " + max);
            }
            return parsed;
        } catch (NumberFormatException notANumber) {
            throw new ConfigurationProblem(
                    property,
                    "is '" + value.get() + "', not a whole number",
                    "use a whole number from " + min + " to " + max);
        }
    }

    private Duration duration(String property, Duration fallback) {
        return properties
                .apply(property)
                .map(value -> parseDuration(property, value))
                .orElse(fallback);
    }

    private Duration positiveDuration(String property, Duration fallback) {
        Duration value = duration(property, fallback);
        positive(property, value);
        return value;
    }

    private static void positive(String property, Duration value) {
        if (value.isZero() || value.isNegative()) {
            throw new ConfigurationProblem(property, "must be longer than zero", "use e.g. 30s, 5m, 2h or 7d");
        }
    }

    /** Accepts {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 7d} and ISO-8601 ({@code PT5M}). */
    static Duration parseDuration(String property, String value) {
        Matcher simple = SIMPLE_DURATION.matcher(value.toLowerCase(Locale.ROOT));
        if (simple.matches()) {
            long amount = Long.parseLong(simple.group(1));
            return switch (simple.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        }
        try {
            return Duration.parse(value);
        } catch (DateTimeParseException malformed) {
            throw new ConfigurationProblem(
                    property, "is '" + value + "', not a duration", "use e.g. 30s, 5m, 2h or 7d");
        }
    }

    private Optional<Path> existingFile(String property) {
        Optional<Path> file = properties.apply(property).map(Path::of);
        file.ifPresent(path -> {
            if (!Files.isReadable(path)) {
                throw new ConfigurationProblem(
                        property,
                        "points to " + path.toAbsolutePath() + ", which is not a readable file",
                        "create the file with the key on one line, or unset " + property);
            }
        });
        return file;
    }
}
