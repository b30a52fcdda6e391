package dev.fieldsync.app.cli;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code fieldsync serve}: the service (REST API, webhooks, periodic sync, dispatch, health, metrics). */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the service: the REST API, the webhook receiver, periodic sync (one leader across "
                    + "instances), outbox dispatch, /health and /prometheus. Stops gracefully on SIGTERM/Ctrl-C."
        })
class ServeCommand implements Callable<Integer>, TerminalAware {
    @Mixin
    ConnectionOptions connection = new ConnectionOptions();

    @Option(names = "--port", description = "HTTP port (default: micronaut.server.port, 8080; 0 = any free port).")
    Integer port;

    @Option(
            names = "--bind",
            paramLabel = "ADDRESS",
            description = "Listen on this address only, e.g. 127.0.0.1 "
                    + "(default: micronaut.server.host, FIELDSYNC_BIND_ADDRESS; unset = every interface).")
    String bind;

    Terminal terminal = Terminal.system();

    @Override
    public void terminal(Terminal value) {
        terminal = value;
    }

    @Override
    public Integer call() {
        ApplicationContext context = Contexts.server(properties());
        int actualPort = context.getBean(EmbeddedServer.class).getPort();
        terminal.out()
                .println("fieldsync is serving on port " + actualPort + " (health: /health, metrics: /prometheus)");
        return Services.awaitShutdown(context, () -> {});
    }

    /** What the options override: the connection, the port and the bind address. */
    Map<String, Object> properties() {
        Map<String, Object> properties = connection.overrides();
        if (port != null) {
            properties.put("micronaut.server.port", port == 0 ? -1 : port);
        }
        if (bind != null) {
            properties.put("micronaut.server.host", bind);
        }
        return properties;
    }
}
