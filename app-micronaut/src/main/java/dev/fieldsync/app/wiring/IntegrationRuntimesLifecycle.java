package dev.fieldsync.app.wiring;

import io.micronaut.context.event.ShutdownEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;

/**
 * Runs the integrations' loops with the HTTP server (never in a one-shot CLI command) and stops them when the context
 * closes, before any shared bean (the stores' pool, the tracer) is destroyed — as {@code ServiceLoops} does.
 */
@Singleton
class IntegrationRuntimesLifecycle {
    private final IntegrationRuntimes runtimes;

    IntegrationRuntimesLifecycle(IntegrationRuntimes runtimes) {
        this.runtimes = runtimes;
    }

    @EventListener
    void onStartup(ServerStartupEvent event) {
        runtimes.start();
    }

    @EventListener
    void onShutdown(ShutdownEvent event) {
        runtimes.close();
    }
}
