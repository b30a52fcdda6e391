package dev.fieldsync.app.wiring;

import dev.fieldsync.app.config.ConfigurationProblem;
import dev.fieldsync.app.config.FieldsyncSettings;
import dev.fieldsync.ports.out.gateway.KeyUnavailableException;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;

/**
 * Runs when the context of the service starts, before the HTTP server listens: a service needs its API token
 * and a well-formed gateway key (checked without a call), so a missing one stops start-up with one line.
 */
@Context
@Requires(property = "fieldsync.service", value = "true")
public class ServiceStartupCheck {

    public ServiceStartupCheck(FieldsyncSettings settings, Adapters adapters) {
        settings.api().requireCredentials();
        try {
            adapters.keySource().keys();
        } catch (KeyUnavailableException missing) {
            throw new ConfigurationProblem(
                    "fieldsync.key",
                    "gives no usable API key (" + missing.getMessage() + ")",
                    "set " + settings.key().envVar() + " or fieldsync.key.file (FIELDSYNC_API_KEY_FILE)");
        }
    }
}
