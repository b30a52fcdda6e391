package dev.fieldsync.app.cli;

import dev.fieldsync.app.config.ConfigurationProblem;
import dev.fieldsync.app.config.FieldsyncSettings;
import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.domain.integration.Integration;
import dev.fieldsync.ports.out.store.IntegrationRegistry;
import io.micronaut.context.ApplicationContext;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code --integration ID}: a command for one integration checks, before it reads or writes anything, that the id is
 * one the registry or the configuration ({@code fieldsync.integrations.<id>}) declares, so a typo is an error rather
 * than an empty mirror. A database whose registry is still empty (no service has started on it) has nothing to check
 * against and is let through.
 */
final class IntegrationOption {
    private IntegrationOption() {}

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
        if (registered.isEmpty() || known.contains(wanted.value())) {
            return;
        }
        throw new ConfigurationProblem(
                "--integration",
                "names no registered integration '" + id + "'",
                "use one of " + String.join(", ", known) + " (fieldsync integrations list), or register it first");
    }
}
