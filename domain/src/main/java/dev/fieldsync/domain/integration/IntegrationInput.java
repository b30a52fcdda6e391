package dev.fieldsync.domain.integration;

import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.domain.validation.Validated;
import dev.fieldsync.domain.validation.Violation;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An integration as an operator wrote it (the admin API's body, a {@code fieldsync.integrations.<id>} block): every
 * member may be absent, the interval is text. {@link #validate} checks every member at once — one violation per
 * problem, named by its API member — and never repeats a secret member's value. {@link #over} fills what is absent
 * from a stored integration (a partial update).
 */
public record IntegrationInput(
        Optional<String> gatewayUrl,
        Optional<String> key,
        Optional<String> nextKey,
        Optional<List<String>> webhookSecrets,
        Optional<String> syncInterval,
        Optional<Integer> ratePerMinute,
        Optional<Integer> burst,
        Optional<Integer> backgroundReserve,
        Optional<Boolean> enabled) {
    public static final Duration DEFAULT_SYNC_INTERVAL = Duration.ofMinutes(5);
    public static final int DEFAULT_RATE = 38;
    private static final Duration MAX_SYNC_INTERVAL = Duration.ofDays(1);
    private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h|d)");
    private static final int MAX_WEBHOOK_SECRETS = 4;

    public IntegrationInput {
        Objects.requireNonNull(gatewayUrl, "gatewayUrl");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(nextKey, "nextKey");
        webhookSecrets = webhookSecrets.map(List::copyOf);
        Objects.requireNonNull(syncInterval, "syncInterval");
        Objects.requireNonNull(ratePerMinute, "ratePerMinute");
        Objects.requireNonNull(burst, "burst");
        Objects.requireNonNull(backgroundReserve, "backgroundReserve");
        Objects.requireNonNull(enabled, "enabled");
    }

    /** Nothing given. */
    public static IntegrationInput empty() {
        return new IntegrationInput(
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
    }

    /** What this input leaves out, taken from {@code base}. */
    public IntegrationInput over(Integration base) {
        return new IntegrationInput(
                gatewayUrl.or(() -> Optional.of(base.gatewayUrl().toString())),
                key.or(() -> Optional.of(base.key().toString())),
                nextKey.or(() -> base.nextKey().map(SecretReference::toString)),
                webhookSecrets.or(() -> Optional.of(base.webhookSecrets().stream()
                        .map(SecretReference::toString)
                        .toList())),
                syncInterval.or(() -> Optional.of(base.syncInterval().toMillis() + "ms")),
                ratePerMinute.or(() -> Optional.of(base.budget().ratePerMinute())),
                burst.or(() -> Optional.of(base.budget().burst())),
                backgroundReserve.or(() -> Optional.of(base.budget().backgroundReserve())),
                enabled.or(() -> Optional.of(base.enabled())));
    }

    /**
     * The integration, or every problem: {@code gateway_url} and {@code key} are required; the rest default (sync
     * every 5 minutes, 38 requests a minute, burst = rate, reserve min(4, burst - 1), enabled, no next key, no
     * webhook secrets).
     */
    public Validated<Integration> validate(IntegrationId id, IntegrationOrigin origin, Optional<Instant> pausedAt) {
        List<Violation> problems = new ArrayList<>();
        URI url = url(problems);
        SecretReference current = reference("key", key, true, problems);
        SecretReference next = reference("next_key", nextKey, false, problems);
        List<SecretReference> secrets = new ArrayList<>();
        List<String> given = webhookSecrets.orElse(List.of());
        if (given.size() > MAX_WEBHOOK_SECRETS) {
            problems.add(Violation.of(
                    "webhook_secrets",
                    "max-elements",
                    "at most " + MAX_WEBHOOK_SECRETS
                            + " webhook secrets (the current one and, in a rotation, the next)"));
        }
        for (int i = 0; i < given.size(); i++) {
            SecretReference secret = reference("webhook_secrets[" + i + "]", Optional.of(given.get(i)), true, problems);
            if (secret != null) {
                secrets.add(secret);
            }
        }
        Duration interval = interval(problems);
        // A member derived from a broken one (burst from the rate, the reserve from the burst) adds no second message.
        int rate = ratePerMinute.orElse(DEFAULT_RATE);
        int burstValue = burst.orElse(rate);
        int reserve = backgroundReserve.orElse(Math.max(0, Math.min(4, burstValue - 1)));
        boolean rateOk = range("rate_per_minute", rate, 1, 1000, problems);
        boolean burstOk = burst.isPresent() ? range("burst", burstValue, 1, 1000, problems) : rateOk;
        if (burstOk && (reserve < 0 || reserve >= burstValue)) {
            problems.add(Violation.of(
                    "background_reserve",
                    "range",
                    "background_reserve must be at least 0 and below the burst (" + burstValue + "), e.g. 4"));
        }
        if (!problems.isEmpty()) {
            return Validated.invalid(problems);
        }
        return Validated.valid(new Integration(
                id,
                url,
                current,
                Optional.ofNullable(next),
                secrets,
                interval,
                new IntegrationBudget(rate, burstValue, reserve),
                enabled.orElse(true),
                origin,
                pausedAt));
    }

    private URI url(List<Violation> problems) {
        if (gatewayUrl.isEmpty() || gatewayUrl.get().isBlank()) {
            problems.add(Violation.of(
                    "gateway_url",
                    "required",
                    "gateway_url is required: the https:// address the gateway operator gave"));
            return null;
        }
        String text = gatewayUrl.get().strip();
        try {
            URI uri = new URI(text);
            String scheme = Optional.ofNullable(uri.getScheme()).orElse("").toLowerCase(Locale.ROOT);
            if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
                problems.add(Violation.of("gateway_url", "url", "gateway_url must be an https:// URL with a host"));
                return null;
            }
            if (scheme.equals("http") && !isLoopback(uri.getHost())) {
                problems.add(Violation.of(
                        "gateway_url",
                        "https",
                        "gateway_url uses plain http, which would send the API key unencrypted: use https://"));
                return null;
            }
            return uri;
        } catch (URISyntaxException malformed) {
            problems.add(
                    Violation.of("gateway_url", "url", "gateway_url is not a URL: use the form https://host[:port]"));
            return null;
        }
    }

    private static boolean isLoopback(String host) {
        return host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]") || host.equals("::1");
    }

    /** A secret reference; the value is never repeated, as it may be the secret itself. */
    private static SecretReference reference(
            String field, Optional<String> text, boolean required, List<Violation> problems) {
        if (text.isEmpty() || text.get().isBlank()) {
            if (required) {
                problems.add(Violation.of(
                        field,
                        "required",
                        field + " is required: where the secret comes from, as env:NAME or file:PATH"));
            }
            return null;
        }
        try {
            return SecretReference.parse(text.get().strip());
        } catch (IllegalArgumentException bad) {
            problems.add(Violation.of(field, "secret-reference", field + ": " + bad.getMessage()));
            return null;
        }
    }

    private Duration interval(List<Violation> problems) {
        if (syncInterval.isEmpty()) {
            return DEFAULT_SYNC_INTERVAL;
        }
        Optional<Duration> parsed = parseDuration(syncInterval.get());
        if (parsed.isEmpty()
                || parsed.get().compareTo(Duration.ofSeconds(1)) < 0
                || parsed.get().compareTo(MAX_SYNC_INTERVAL) > 0) {
            problems.add(Violation.of(
                    "sync_interval",
                    "duration",
                    "sync_interval must be a duration from 1s to 1d, such as 90s, 5m or 1h"));
            return DEFAULT_SYNC_INTERVAL;
        }
        return parsed.get();
    }

    /** {@code 500ms}, {@code 90s}, {@code 5m}, {@code 1h}, {@code 1d}, or ISO-8601 ({@code PT5M}). */
    public static Optional<Duration> parseDuration(String text) {
        String trimmed = text.strip().toLowerCase(Locale.ROOT);
        Matcher simple = SIMPLE_DURATION.matcher(trimmed);
        if (simple.matches()) {
            long amount = Long.parseLong(simple.group(1));
            return Optional.of(
                    switch (simple.group(2)) {
                        case "ms" -> Duration.ofMillis(amount);
                        case "s" -> Duration.ofSeconds(amount);
                        case "m" -> Duration.ofMinutes(amount);
                        case "h" -> Duration.ofHours(amount);
                        default -> Duration.ofDays(amount);
                    });
        }
        try {
            return Optional.of(Duration.parse(text.strip()));
        } catch (DateTimeParseException notIso) {
            return Optional.empty();
        }
    }

    private static boolean range(String field, int value, int min, int max, List<Violation> problems) {
        if (value < min || value > max) {
            problems.add(
                    Violation.of(field, "range", field + " must be within " + min + ".." + max + ", got " + value));
            return false;
        }
        return true;
    }
}
