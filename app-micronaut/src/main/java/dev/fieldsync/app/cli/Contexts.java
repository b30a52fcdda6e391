package dev.fieldsync.app.cli;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.LinkedHashMap;
import java.util.Map;

/** Starts Micronaut for a command: without the HTTP server for one-shot commands, with it for the service. */
public final class Contexts {
    /** Set for the service: enables the start-up checks that a service needs (token, key) but a CLI call does not. */
    public static final String SERVICE_PROPERTY = "fieldsync.service";

    private Contexts() {}

    /** A context for a one-shot command: beans only, no server, no background loops. */
    public static ApplicationContext cli(Map<String, Object> overrides) {
        Map<String, Object> properties = new LinkedHashMap<>(overrides);
        properties.putIfAbsent("micronaut.server.port", -1);
        return ApplicationContext.builder()
                .deduceEnvironment(false)
                .properties(properties)
                .start();
    }

    /** The service: context, start-up checks, HTTP server and background loops. */
    public static ApplicationContext server(Map<String, Object> overrides) {
        Map<String, Object> properties = new LinkedHashMap<>(overrides);
        properties.put(SERVICE_PROPERTY, true);
        // Not Micronaut.run: it exits the JVM on a start-up failure; the caller prints one line instead.
        ApplicationContext context = ApplicationContext.builder()
                .deduceEnvironment(false)
                .banner(false)
                .properties(properties)
                .start();
        try {
            context.getBean(EmbeddedServer.class).start();
            return context;
        } catch (RuntimeException failure) {
            context.close();
            throw failure;
        }
    }
}
