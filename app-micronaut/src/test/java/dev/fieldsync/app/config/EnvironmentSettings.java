package dev.fieldsync.app.config;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.context.env.PropertySource;
import java.util.HashMap;
import java.util.Map;

/**
 * Settings in their environment-variable form, read as the service reads them: through a Micronaut environment whose
 * property source has the environment-variable convention (what Micronaut's own source of {@code System.getenv()}
 * has) and the two functions {@code CoreFactory} hands to {@link SettingsReader}.
 */
final class EnvironmentSettings {
    private EnvironmentSettings() {}

    /** The settings the service would read with these environment variables (and no other configuration). */
    static FieldsyncSettings read(Map<String, String> variables) {
        Map<String, Object> all = new HashMap<>(variables);
        all.putIfAbsent("FIELDSYNC_GATEWAY_BASE_URL", "https://gw.example.com");
        all.putIfAbsent("FIELDSYNC_KEY_VALUE", "fi_pk_live_x");
        try (ApplicationContext context = ApplicationContext.builder()
                .environmentPropertySource(false)
                .deduceEnvironment(false)
                .propertySources(PropertySource.of("env", all, PropertySource.PropertyConvention.ENVIRONMENT_VARIABLE))
                .build()) {
            Environment environment = context.getEnvironment();
            environment.start();
            return new SettingsReader(
                            name -> environment.getProperty(name, String.class), environment::getPropertyEntries)
                    .read();
        }
    }
}
