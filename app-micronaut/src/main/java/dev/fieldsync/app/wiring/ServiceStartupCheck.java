package dev.fieldsync.app.wiring;

import dev.fieldsync.adapters.persistence.integration.SqlIntegrationRegistry;
import dev.fieldsync.app.config.ConfigurationProblem;
import dev.fieldsync.app.config.FieldsyncSettings;
import dev.fieldsync.app.delivery.ChangeConsumers;
import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.domain.integration.Integration;
import dev.fieldsync.ports.out.gateway.KeyUnavailableException;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Runs when the context of the service starts, before the HTTP server listens: a service needs its API token
 * and a well-formed gateway key (checked without a call), so a missing one stops start-up with one line; and every
 * integration a change consumer names ({@code .integrations}) must be one the registry knows (configured or
 * registered through the API before), so a typo stops start-up instead of delivering nothing.
 */
@Context
@Requires(property = "fieldsync.service", value = "true")
public class ServiceStartupCheck {

    public ServiceStartupCheck(
            FieldsyncSettings settings,
            Adapters adapters,
            IntegrationRuntimes runtimes,
            SqlIntegrationRegistry registry,
            ChangeConsumers consumers) {
        settings.api().requireCredentials();
        try {
            adapters.keySource().keys();
        } catch (KeyUnavailableException missing) {
            throw new ConfigurationProblem(
                    "fieldsync.key",
                    "gives no usable API key (" + missing.getMessage() + ")",
                    "set " + settings.key().envVar() + " or fieldsync.key.file (FIELDSYNC_API_KEY_FILE)");
        }
        // The runtimes declared the configured integrations in the registry when they were built.
        Set<String> known = new TreeSet<>();
        known.add(runtimes.defaultIntegration().value());
        registry.list().stream().map(Integration::id).map(IntegrationId::value).forEach(known::add);
        consumersNameKnownIntegrations(consumers, known);
    }

    private static void consumersNameKnownIntegrations(ChangeConsumers consumers, Set<String> known) {
        List<ConfigurationProblem> problems = new ArrayList<>();
        for (ChangeConsumers.Configured consumer : consumers.all()) {
            for (IntegrationId named : consumer.integrations()) {
                if (!known.contains(named.value())) {
                    problems.add(new ConfigurationProblem(
                            "fieldsync.changes." + ("webhook".equals(consumer.type()) ? "endpoints" : "rabbitmq") + "."
                                    + consumer.name() + ".integrations",
                            "names '" + named.value() + "', which is not an integration of this service",
                            "use ids the registry knows (" + String.join(", ", known)
                                    + "), register it first (POST /api/integrations), or leave the setting out for"
                                    + " every integration"));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw ConfigurationProblem.all(problems);
        }
    }
}
