package dev.fieldsync.app.config;

import dev.fieldsync.adapters.rabbitmq.RabbitMqSettings;
import dev.fieldsync.domain.change.ChangeKind;
import dev.fieldsync.domain.delivery.DeliveryPolicy;
import dev.fieldsync.domain.delivery.RetrySchedule;
import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.domain.webhook.WebhookSecret;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Reads {@code fieldsync.changes.endpoints.<name>.*}, {@code fieldsync.changes.rabbitmq.<name>.*} and
 * {@code fieldsync.changes.delivery.*}. Unlike the other settings every problem is collected, so a start-up with
 * three mistakes in its endpoints names all three at once. A secret is never written into a setting: it is
 * referenced, {@code env:VARIABLE} or {@code file:/path}, as the API key is (an environment variable or a file).
 */
final class ChangeDeliverySettingsReader {
    static final String ENDPOINTS = "fieldsync.changes.endpoints";
    static final String BROKERS = "fieldsync.changes.rabbitmq";
    private static final String CONSUMER_NAME = "[a-z0-9][a-z0-9-]{0,62}";
    private static final String SECRET_FIX = "reference it as env:VARIABLE or file:/path/to/secret (never the secret"
            + " itself), holding whsec_ and base64 of 24-64 random bytes (make one with:"
            + " echo whsec_$(head -c 32 /dev/urandom | base64))";

    private final PropertyValues values;
    private final Function<String, Optional<String>> environment;
    private final List<ConfigurationProblem> problems = new ArrayList<>();

    ChangeDeliverySettingsReader(PropertyValues values, Function<String, Optional<String>> environment) {
        this.values = values;
        this.environment = environment;
    }

    ChangeDeliverySettings read() {
        ChangeDeliverySettings defaults = ChangeDeliverySettings.none();
        DeliveryPolicy policy = attempt(this::policy).orElse(DeliveryPolicy.DEFAULT);
        Duration maxLag = attempt(
                        () -> values.positiveDuration("fieldsync.changes.delivery.max-lag", defaults.maxLag()))
                .orElse(defaults.maxLag());
        Duration poll = attempt(() ->
                        values.positiveDuration("fieldsync.changes.delivery.poll-interval", defaults.pollInterval()))
                .orElse(defaults.pollInterval());
        int batch = attempt(() -> values.integer("fieldsync.changes.delivery.batch", defaults.batchSize(), 1, 1000))
                .orElse(defaults.batchSize());
        int threads = attempt(() -> values.integer("fieldsync.changes.delivery.threads", defaults.threads(), 1, 64))
                .orElse(defaults.threads());
        List<ChangeDeliverySettings.Endpoint> endpoints = new ArrayList<>();
        for (String name : names(ENDPOINTS)) {
            endpoint(name).ifPresent(endpoints::add);
        }
        List<ChangeDeliverySettings.Broker> brokers = new ArrayList<>();
        Set<String> endpointNames = new HashSet<>(names(ENDPOINTS));
        for (String name : names(BROKERS)) {
            if (endpointNames.contains(name)) {
                problems.add(new ConfigurationProblem(
                        BROKERS + "." + name,
                        "has the name of a webhook endpoint too",
                        "give every consumer its own name: it keys the consumer's cursor and delivery log"));
                continue;
            }
            broker(name).ifPresent(brokers::add);
        }
        if (!problems.isEmpty()) {
            throw ConfigurationProblem.all(problems);
        }
        return new ChangeDeliverySettings(endpoints, brokers, policy, maxLag, poll, batch, threads);
    }

    private DeliveryPolicy policy() {
        String property = "fieldsync.changes.delivery.retry-schedule";
        RetrySchedule retries;
        try {
            retries = values.raw(property).map(RetrySchedule::parse).orElse(RetrySchedule.DEFAULT);
        } catch (IllegalArgumentException malformed) {
            throw new ConfigurationProblem(
                    property,
                    "is not a retry schedule: " + malformed.getMessage(),
                    "write the waits between attempts, e.g. 10s,1m,5m,30m,2h,6h");
        }
        return new DeliveryPolicy(
                retries,
                values.positiveDuration("fieldsync.changes.delivery.pause-after", DeliveryPolicy.DEFAULT.pauseAfter()));
    }

    /** The consumer names under a map property; a plain value there is a mistake worth naming. */
    private Set<String> names(String map) {
        Set<String> names = new TreeSet<>(values.entries(map));
        if (names.isEmpty() && values.raw(map).isPresent()) {
            problems.add(new ConfigurationProblem(
                    map, "is a plain value", "it is a map by consumer name, e.g. " + map + ".erp.url=..."));
        }
        return names;
    }

    private Optional<ChangeDeliverySettings.Endpoint> endpoint(String name) {
        String prefix = ENDPOINTS + "." + name;
        if (!validName(prefix, name) || !anyOf(prefix, name, "url", "secret")) {
            return Optional.empty();
        }
        Optional<URI> url = attempt(() -> url(prefix + ".url"));
        List<WebhookSecret> secrets = new ArrayList<>();
        attempt(() -> secret(prefix + ".secret", true)).flatMap(s -> s).ifPresent(secrets::add);
        attempt(() -> secret(prefix + ".next-secret", false)).flatMap(s -> s).ifPresent(secrets::add);
        Optional<Set<ChangeKind>> kinds = attempt(() -> kinds(prefix + ".kinds"));
        Optional<Duration> timeout =
                attempt(() -> values.positiveDuration(prefix + ".timeout", Duration.ofSeconds(10)));
        Optional<Boolean> enabled = attempt(() -> values.bool(prefix + ".enabled", true));
        Optional<Set<IntegrationId>> integrations = attempt(() -> integrations(prefix + ".integrations"));
        if (url.isEmpty()
                || secrets.isEmpty()
                || kinds.isEmpty()
                || timeout.isEmpty()
                || enabled.isEmpty()
                || integrations.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ChangeDeliverySettings.Endpoint(
                name, url.get(), secrets, kinds.get(), timeout.get(), enabled.get(), integrations.get()));
    }

    private Optional<ChangeDeliverySettings.Broker> broker(String name) {
        String prefix = BROKERS + "." + name;
        if (!validName(prefix, name) || !anyOf(prefix, name, "uri", "exchange")) {
            return Optional.empty();
        }
        String exchangeProperty = prefix + ".exchange";
        Optional<String> exchange = attempt(() -> values.raw(exchangeProperty)
                .orElseThrow(() -> new ConfigurationProblem(
                        exchangeProperty, "is not set", "name an exchange that exists (fieldsync never declares it)")));
        Optional<RabbitMqSettings> connection = attempt(() -> amqp(prefix, exchange.orElse("unset")));
        Optional<Set<ChangeKind>> kinds = attempt(() -> kinds(prefix + ".kinds"));
        Optional<Set<IntegrationId>> integrations = attempt(() -> integrations(prefix + ".integrations"));
        if (exchange.isEmpty() || connection.isEmpty() || kinds.isEmpty() || integrations.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ChangeDeliverySettings.Broker(name, connection.get(), kinds.get(), integrations.get()));
    }

    /**
     * Whether the consumer has either of its two main settings. Neither is what an environment variable of a consumer
     * named with a '-' gives ({@code FIELDSYNC_CHANGES_ENDPOINTS_ERP_ORDERS_URL} reads as the consumer {@code erp}):
     * one problem saying so, rather than two about settings nobody wrote.
     */
    private boolean anyOf(String prefix, String name, String first, String second) {
        if (values.raw(prefix + "." + first).isPresent()
                || values.raw(prefix + "." + second).isPresent()) {
            return true;
        }
        String variable = prefix.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
        problems.add(new ConfigurationProblem(
                prefix,
                "has neither ." + first + " nor ." + second + " (a consumer named '" + name
                        + "' was found, e.g. from an"
                        + " environment variable " + variable + "_<WORD>_" + first.toUpperCase(Locale.ROOT)
                        + ", where a name with '-' cannot be told apart from the setting)",
                "set " + prefix + "." + first + " and ." + second + "; in environment variables give the consumer a"
                        + " name without '-' (" + variable + "_" + first.toUpperCase(Locale.ROOT) + "), or set a"
                        + " name with '-' as a -D property or in application.yml"));
        return false;
    }

    private boolean validName(String prefix, String name) {
        if (name.matches(CONSUMER_NAME)) {
            return true;
        }
        problems.add(new ConfigurationProblem(
                prefix,
                "has the name '" + name + "', which cannot name a consumer",
                "use 1-63 lower-case letters, digits and '-' (e.g. erp or erp-orders)"));
        return false;
    }

    private URI url(String property) {
        String text = values.raw(property)
                .orElseThrow(() -> new ConfigurationProblem(
                        property, "is not set", "set the https:// URL the changes are POSTed to"));
        try {
            URI uri = new URI(text);
            String scheme = Optional.ofNullable(uri.getScheme()).orElse("").toLowerCase(Locale.ROOT);
            if ((scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException malformed) {
            // reported below
        }
        throw new ConfigurationProblem(
                property,
                "is '" + text + "', not an http(s) URL with a host",
                "use e.g. https://erp.example.com/hooks");
    }

    private Optional<WebhookSecret> secret(String property, boolean required) {
        Optional<String> reference = values.raw(property);
        if (reference.isEmpty()) {
            if (required) {
                throw new ConfigurationProblem(property, "is not set", SECRET_FIX);
            }
            return Optional.empty();
        }
        String value = dereference(property, reference.get(), SECRET_FIX);
        try {
            return Optional.of(WebhookSecret.standard(value));
        } catch (IllegalArgumentException malformed) {
            // The message of WebhookSecret never repeats the secret.
            throw new ConfigurationProblem(
                    property,
                    "does not hold a usable secret: " + malformed.getMessage(),
                    "put whsec_ and base64 of 24-64 random bytes where it points");
        }
    }

    /** The text behind {@code env:NAME} or {@code file:PATH}; anything else is refused (it may be a pasted secret). */
    private String dereference(String property, String reference, String fix) {
        if (reference.startsWith("env:")) {
            String variable = reference.substring(4).strip();
            return environment
                    .apply(variable)
                    .map(String::strip)
                    .filter(v -> !v.isEmpty())
                    .orElseThrow(() -> new ConfigurationProblem(
                            property, "names the environment variable " + variable + ", which is not set", fix));
        }
        if (reference.startsWith("file:")) {
            Path file = Path.of(reference.substring(5).strip());
            try {
                return Files.readString(file).strip();
            } catch (IOException | RuntimeException unreadable) {
                throw new ConfigurationProblem(
                        property, "names the file " + file.toAbsolutePath() + ", which cannot be read", fix);
            }
        }
        throw new ConfigurationProblem(property, "is not a reference", fix);
    }

    private Set<ChangeKind> kinds(String property) {
        Set<ChangeKind> kinds = EnumSet.noneOf(ChangeKind.class);
        for (String name : values.text(property, "").split(",")) {
            if (name.isBlank()) {
                continue;
            }
            kinds.add(ChangeKind.find(name.strip())
                    .orElseThrow(() -> new ConfigurationProblem(
                            property,
                            "names '" + name.strip() + "', which is not a change kind",
                            "use a comma-separated list of " + ChangeKind.wireNames() + ", or leave it out for all")));
        }
        return kinds;
    }

    /**
     * The integrations whose changes the consumer gets (empty: every integration the service serves). Only the form
     * is checked here; whether each id is an integration the service knows is checked at start-up against the
     * registry ({@code ServiceStartupCheck}).
     */
    private Set<IntegrationId> integrations(String property) {
        Set<IntegrationId> integrations = new TreeSet<>(java.util.Comparator.comparing(IntegrationId::value));
        for (String id : values.text(property, "").split(",")) {
            if (id.isBlank()) {
                continue;
            }
            try {
                integrations.add(IntegrationId.of(id.strip()));
            } catch (IllegalArgumentException malformed) {
                throw new ConfigurationProblem(
                        property,
                        "names '" + id.strip() + "', which is not an integration id",
                        "use a comma-separated list of integration ids (as in fieldsync.integrations or"
                                + " GET /api/integrations), or leave it out for every integration");
            }
        }
        return integrations;
    }

    /**
     * {@code uri} is {@code amqp://[user[:password]@]host[:port][/vhost]} (guest/guest and / when left out), or a
     * reference ({@code env:} / {@code file:}) to such a URI when it carries a password.
     */
    private RabbitMqSettings amqp(String prefix, String exchange) {
        String property = prefix + ".uri";
        String fix = "use amqp://user@host:5672/vhost, or env:VARIABLE / file:/path holding it when it has a password";
        String written = values.raw(property).orElseThrow(() -> new ConfigurationProblem(property, "is not set", fix));
        String text = written.startsWith("amqp") ? written : dereference(property, written, fix);
        if (written.startsWith("amqp") && text.matches("amqps?://[^/@]*:[^/@]*@.*")) {
            throw new ConfigurationProblem(property, "carries a password in the setting itself", fix);
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException malformed) {
            throw new ConfigurationProblem(property, "is not a URI", fix);
        }
        if (!"amqp".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new ConfigurationProblem(property, "is not an amqp:// URI with a host", fix);
        }
        String user = "guest";
        String password = "guest";
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
            password = parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "";
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String vhost =
                path.isEmpty() || path.equals("/") ? "/" : URLDecoder.decode(path.substring(1), StandardCharsets.UTF_8);
        return new RabbitMqSettings(
                uri.getHost(),
                uri.getPort() < 0 ? 5672 : uri.getPort(),
                user,
                password,
                vhost,
                exchange,
                values.text(prefix + ".routing-key", "fieldsync.{kind}"),
                Duration.ofSeconds(10),
                Duration.ofSeconds(5));
    }

    /** Runs one read; a problem is kept (and reported with the others) instead of ending the read. */
    private <T> Optional<T> attempt(Supplier<T> read) {
        try {
            return Optional.ofNullable(read.get());
        } catch (ConfigurationProblem problem) {
            problems.add(problem);
            return Optional.empty();
        }
    }
}
