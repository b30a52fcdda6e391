package dev.fieldsync.app.wiring;

import dev.fieldsync.adapters.vertx.key.EnvironmentKeySource;
import dev.fieldsync.app.config.FieldsyncSettings;
import dev.fieldsync.domain.integration.Integration;
import dev.fieldsync.domain.integration.IntegrationBudget;
import dev.fieldsync.domain.integration.IntegrationOrigin;
import dev.fieldsync.domain.integration.SecretReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The single integration of today's settings ({@code fieldsync.integration-id}, normally {@code default}) as the
 * registry holds it: the same gateway, key source, schedule and budget, the secrets as references to where the
 * settings read them (the property, the file, the environment variable), never their values.
 */
final class ConfiguredIntegration {
    private ConfiguredIntegration() {}

    static Integration of(FieldsyncSettings settings) {
        FieldsyncSettings.Key key = settings.key();
        SecretReference current;
        Optional<SecretReference> next;
        if (key.fixedValue().isPresent()) {
            current = SecretReference.property("fieldsync.key.value");
            next = Optional.empty();
        } else if (key.file().isPresent()) {
            current = SecretReference.file(key.file().get().toString());
            next = key.nextFile().map(file -> SecretReference.file(file.toString()));
        } else {
            current = SecretReference.env(key.envVar());
            next = key.nextFile()
                    .map(file -> SecretReference.file(file.toString()))
                    .or(() -> Optional.of(SecretReference.env(new EnvironmentKeySource(key.envVar()).nextVariable())));
        }
        List<SecretReference> webhookSecrets = new ArrayList<>();
        int secrets = settings.webhooks().secrets().size();
        if (secrets > 0) {
            webhookSecrets.add(SecretReference.property("fieldsync.webhook.secret"));
        }
        if (secrets > 1) {
            webhookSecrets.add(SecretReference.property("fieldsync.webhook.secondary-secret"));
        }
        FieldsyncSettings.Budget budget = settings.budget();
        return new Integration(
                settings.integration(),
                settings.gateway().baseUrl(),
                current,
                next,
                webhookSecrets,
                settings.sync().interval(),
                new IntegrationBudget(budget.ratePerMinute(), budget.burst(), budget.backgroundReserve()),
                true,
                IntegrationOrigin.CONFIGURATION,
                Optional.empty());
    }
}
