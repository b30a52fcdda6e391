package dev.fieldsync.app.cli;

import dev.fieldsync.app.config.ConfigurationProblem;
import dev.fieldsync.app.config.FieldsyncSettings;
import dev.fieldsync.app.wiring.SecretSources;
import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.domain.integration.Integration;
import dev.fieldsync.ports.out.gateway.KeySource;
import dev.fieldsync.ports.out.gateway.KeyUnavailableException;
import dev.fieldsync.ports.out.store.IntegrationRegistry;
import io.micronaut.context.ApplicationContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code --integration ID}: a command for one integration checks, before it reads or writes anything, that the id is
 * one the registry or the configuration ({@code fieldsync.integrations.<id>}) declares, so a typo is an error rather
 * than an empty mirror, and runs with that integration's gateway URL and key ({@link #connection}) rather than the
 * service's. A database whose registry is still empty (no service has started on it) has nothing to check against
 * and is let through.
 */
final class IntegrationOption {
    /** Tells the settings that the served id's {@code fieldsync.integrations} entry is the one this command runs as. */
    static final String RUN_AS_ENTRY = "fieldsync.integration-from-registry";

    private IntegrationOption() {}

    /**
     * The properties a command for integration {@code id} runs with: {@code base} plus that integration's gateway URL
     * (unless {@code --gateway} gave one) and current key (unless {@code --key-file} did), read from its registry entry
     * (the database's, else {@code fieldsync.integrations.<id>}) in a first context of the service's own settings. The
     * service's own id, a malformed one or one nothing declares is left to the checks of the context that runs it.
     *
     * @throws ConfigurationProblem when the integration's key cannot be read (naming its source, never a key)
     */
    static Map<String, Object> connection(Map<String, Object> base, String id, boolean gatewayGiven, boolean keyGiven) {
        Map<String, Object> service = new LinkedHashMap<>(base);
        service.remove("fieldsync.integration-id");
        // This first context only reads the registry: no gateway is called, so any well-formed address will do.
        service.putIfAbsent("fieldsync.gateway.base-url", "https://gateway.invalid");
        IntegrationId wanted;
        try {
            wanted = IntegrationId.of(id);
        } catch (IllegalArgumentException malformed) {
            return base;
        }
        Map<String, Object> properties = new LinkedHashMap<>(base);
        try (ApplicationContext context = Contexts.cli(service)) {
            FieldsyncSettings settings = context.getBean(FieldsyncSettings.class);
            if (wanted.equals(settings.integration())) {
                return base;
            }
            Optional<Integration> entry = context.getBean(IntegrationRegistry.class)
                    .find(wanted)
                    .or(() -> settings.integrations().stream()
                            .filter(integration -> integration.id().equals(wanted))
                            .findFirst());
            if (entry.isEmpty()) {
                return base;
            }
            properties.put(RUN_AS_ENTRY, true);
            if (!gatewayGiven) {
                properties.put(
                        "fieldsync.gateway.base-url", entry.get().gatewayUrl().toString());
            }
            if (!keyGiven) {
                KeySource keys = new SecretSources(name -> context.getProperty(name, String.class), System::getenv)
                        .keySource(entry.get());
                try {
                    properties.put("fieldsync.key.value", keys.keys().get(0).reveal());
                } catch (KeyUnavailableException unreadable) {
                    throw new ConfigurationProblem(
                            "--integration",
                            "names integration '" + id + "', whose key cannot be read from " + keys.describe() + ": "
                                    + unreadable.getMessage(),
                            "fix its key source (fieldsync integrations list shows it), or give --key-file");
                }
            }
        }
        return properties;
    }

    /** @throws ConfigurationProblem naming the known ids when {@code id} is none of them */
    static void requireKnown(ApplicationContext context, String id) {
        FieldsyncSettings settings = context.getBean(FieldsyncSettings.class);
        IntegrationId wanted = settings.integration();
        List<Integration> registered =
                context.getBean(IntegrationRegistry.class).list();
        List<String> known = Stream.concat(registered.stream(), settings.integrations().stream())
                .map(integration -> integration.id().value())
                .distinct()
                .sorted()
                .toList();
        boolean fromEntry = context.getProperty(RUN_AS_ENTRY, Boolean.class).orElse(false);
        if (registered.isEmpty() || fromEntry || known.contains(wanted.value())) {
            return;
        }
        throw new ConfigurationProblem(
                "--integration",
                "names no registered integration '" + id + "'",
                "use one of " + String.join(", ", known) + " (fieldsync integrations list), or register it first");
    }
}
