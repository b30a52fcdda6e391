package dev.fieldsync.app.wiring;

import dev.fieldsync.adapters.vertx.key.EnvironmentKeySource;
import dev.fieldsync.adapters.vertx.key.FileKeySource;
import dev.fieldsync.adapters.vertx.key.RotatingKeySource;
import dev.fieldsync.domain.integration.Integration;
import dev.fieldsync.domain.integration.SecretReference;
import dev.fieldsync.domain.webhook.WebhookSecret;
import dev.fieldsync.ports.out.gateway.KeySource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves a registry integration's {@link SecretReference}s: its key source (env:, file:, property:; the next key of a
 * rotation behind it) and its webhook secrets. A secret that cannot be read is named by its reference, never shown.
 */
public final class SecretSources {
    private static final Logger LOG = LoggerFactory.getLogger(SecretSources.class);

    private final Function<String, Optional<String>> properties;
    private final Function<String, String> environment;

    public SecretSources(Function<String, Optional<String>> properties, Function<String, String> environment) {
        this.properties = properties;
        this.environment = environment;
    }

    /** The key source of the integration: its key, then its next key during a rotation. */
    public KeySource keySource(Integration integration) {
        KeySource current = keySource(integration.key());
        return integration
                .nextKey()
                .<KeySource>map(next -> new RotatingKeySource(current, keySource(next)))
                .orElse(current);
    }

    private KeySource keySource(SecretReference reference) {
        return switch (reference.kind()) {
            case ENV -> new EnvironmentKeySource(reference.name(), environment);
            case FILE -> new FileKeySource(Path.of(reference.name()));
            case PROPERTY ->
                new PropertyKeySource(
                        reference.name(), properties.apply(reference.name()).orElse(null));
        };
    }

    /** The webhook secrets that can be read now, in their order; one that cannot is left out with a log line. */
    List<WebhookSecret> webhookSecrets(Integration integration) {
        List<WebhookSecret> secrets = new ArrayList<>();
        for (SecretReference reference : integration.webhookSecrets()) {
            Optional<String> value = read(reference);
            if (value.isPresent() && !value.get().isBlank()) {
                secrets.add(WebhookSecret.of(value.get().strip()));
            } else {
                LOG.warn(
                        "integration {}: webhook secret {} is not set; webhooks signed with it are refused",
                        integration.id(),
                        reference);
            }
        }
        return secrets;
    }

    private Optional<String> read(SecretReference reference) {
        return switch (reference.kind()) {
            case ENV -> Optional.ofNullable(environment.apply(reference.name()));
            case PROPERTY -> properties.apply(reference.name());
            case FILE -> {
                try {
                    yield Optional.of(Files.readString(Path.of(reference.name())));
                } catch (IOException unreadable) {
                    yield Optional.empty();
                }
            }
        };
    }
}
