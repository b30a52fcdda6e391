package dev.fieldsync.app.cli;

import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;

/** A one-shot command that needs the core: opens a context without a server, runs, closes it. */
abstract class BaseCommand implements Callable<Integer>, TerminalAware {
    @Mixin
    ConnectionOptions connection = new ConnectionOptions();

    Terminal terminal = Terminal.system();

    @Override
    public void terminal(Terminal value) {
        this.terminal = value;
    }

    @Override
    public Integer call() throws Exception {
        Map<String, Object> properties = connection.integration == null
                ? overrides()
                : IntegrationOption.connection(
                        overrides(), connection.integration, connection.gateway != null, connection.keyFile != null);
        try (ApplicationContext context = Contexts.cli(properties)) {
            if (connection.integration != null) {
                IntegrationOption.requireKnown(context, connection.integration);
            }
            return run(context);
        }
    }

    /** Extra properties of this command, on top of the connection options. */
    Map<String, Object> overrides() {
        return connection.overrides();
    }

    abstract int run(ApplicationContext context) throws Exception;

    /** {@code --json}: the value as one JSON document on stdout, in the REST API's shapes. */
    void printJson(ApplicationContext context, Object value) throws IOException {
        terminal.out()
                .println(
                        new String(context.getBean(JsonMapper.class).writeValueAsBytes(value), StandardCharsets.UTF_8));
    }
}
