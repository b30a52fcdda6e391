package dev.fieldsync.app.cli;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code fieldsync serve}: the service (REST API, webhooks, periodic sync, dispatch, health, metrics). */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Runs the service: the REST API, the webhook receiver, periodic sync (one leader across "
                + "instances), outbox dispatch, /health and /prometheus. Stops gracefully on SIGTERM/Ctrl-C."})
class ServeCommand implements Callable<Integer>, TerminalAware {
    @Mixin
    ConnectionOptions connection = new ConnectionOptions();

    @Option(names = "--port", description = "HTTP port (default: micronaut.server.port, 8080; 0 = any free port).")
    Integer port;

    Terminal terminal = Terminal.system();

    @Override
    public void terminal(Terminal value) {
        terminal = value;
    }

    @Override
    public Integer call() {
        Map<String, Object> properties = connection.overrides();
        if (port != null) {
            properties.put("micronaut.server.port", port == 0 ? -1 : port);
        }
        ApplicationContext context = Contexts.server(properties);
        int actualPort = context.getBean(EmbeddedServer.class).getPort();
        terminal.out().println("fieldsync is serving on port " + actualPort + " (health: /health, metrics: /prometheus)");
        return Services.awaitShutdown(context, () -> { });
    }
}
