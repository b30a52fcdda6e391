package dev.fieldsync.adapters.vertx.webhook;

import dev.fieldsync.domain.webhook.WebhookSecret;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One outbound webhook endpoint: its name (for logs and the delivery log), the URL changes are POSTed to, the
 * Standard Webhooks secrets (the current one, then the next one during a rotation: both sign), and how long one
 * attempt may take. Never shows a secret ({@link WebhookSecret} is redacted).
 */
public record WebhookTarget(String name, URI url, List<WebhookSecret> secrets, Duration timeout) {
    public WebhookTarget {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a webhook endpoint needs a name");
        }
        Objects.requireNonNull(url, "url");
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") || url.getHost() == null) {
            throw new IllegalArgumentException("webhook endpoint '" + name + "': the url must be an absolute http(s)"
                    + " URL such as https://erp.example.com/hooks/fieldsync, not '" + url + "'");
        }
        secrets = List.copyOf(secrets);
        if (secrets.isEmpty() || secrets.size() > 2) {
            throw new IllegalArgumentException("webhook endpoint '" + name
                    + "' needs one secret, or two during a rotation (the current and the next), not "
                    + secrets.size());
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException(
                    "webhook endpoint '" + name + "': the timeout must be positive, not " + timeout);
        }
    }
}
