package dev.fieldsync.app.cli;

import dev.fieldsync.app.config.ConfigurationProblem;
import dev.fieldsync.app.logging.LogFormat;
import dev.fieldsync.ports.out.gateway.GatewayException;
import java.util.Arrays;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code fieldsync} command line: the service, the setup checklist, the sandbox and the demo in one jar. */
@Command(
        name = "fieldsync",
        mixinStandardHelpOptions = true,
        version = "fieldsync 0.1.0",
        description = "Connects your systems to the FieldInsight Gateway within its 40 requests/minute budget.",
        footer = {
            "",
            ExitCodes.HELP,
            "",
            "The API key comes from FIELDSYNC_API_KEY (or fieldsync.key.file); it is never printed."
        },
        subcommands = {
            VerifyCommand.class,
            LookupsCommand.class,
            SyncCommand.class,
            SweepCommand.class,
            JobsCommand.class,
            SitesCommand.class,
            SubmissionsCommand.class,
            ChangesCommand.class,
            IntegrationsCommand.class,
            TokenCommand.class,
            ServeCommand.class,
            SandboxCommand.class,
            DemoCommand.class,
            CommandLine.HelpCommand.class
        })
public class FieldsyncCommand implements Runnable {
    private static final Set<String> LOGGING_COMMANDS = Set.of("serve", "sandbox");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        // One-shot commands keep stdout for results: only warnings are logged (to stderr).
        boolean service = Arrays.stream(args).anyMatch(LOGGING_COMMANDS::contains);
        if (System.getProperty("fieldsync.log.level") == null) {
            System.setProperty("fieldsync.log.level", service ? "INFO" : "WARN");
        }
        try {
            LogFormat.select(System.getenv()); // before the first logger: logback.xml reads the choice
        } catch (ConfigurationProblem bad) {
            System.err.println(bad.getMessage());
            System.exit(ExitCodes.CONFIGURATION);
        }
        org.slf4j.bridge.SLF4JBridgeHandler.removeHandlersForRootLogger();
        org.slf4j.bridge.SLF4JBridgeHandler.install();
        int code = run(Terminal.system(), args);
        System.exit(code);
    }

    /** Runs a command line and returns its exit code (used by main and by tests). */
    public static int run(Terminal terminal, String... args) {
        CommandLine commandLine = new CommandLine(new FieldsyncCommand(), new TerminalFactory(terminal));
        commandLine.setOut(new java.io.PrintWriter(terminal.out(), true));
        commandLine.setErr(new java.io.PrintWriter(terminal.err(), true));
        commandLine.setExecutionExceptionHandler((failure, line, parsed) -> handle(terminal, failure));
        return commandLine.execute(args);
    }

    /** Turns a failure into one clear line on stderr and an exit code. */
    static int handle(Terminal terminal, Exception failure) {
        var configuration = ConfigurationProblem.in(failure);
        if (configuration.isPresent()) {
            terminal.err().println(configuration.get().getMessage());
            return ExitCodes.CONFIGURATION;
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof GatewayException gateway) {
                terminal.err().println("gateway: " + gateway.describe());
                terminal.err().println("  what to do: " + gateway.hint());
                return ExitCodes.UNAVAILABLE;
            }
            if (cause instanceof java.sql.SQLException sql) {
                terminal.err().println("database: " + sql.getMessage());
                terminal.err()
                        .println("  what to do: check datasources.default.url (FIELDSYNC_DB_URL), "
                                + "the user and password, and that the database is running");
                return ExitCodes.UNAVAILABLE;
            }
        }
        terminal.err().println("fieldsync: " + failure.getClass().getSimpleName() + ": " + failure.getMessage());
        return ExitCodes.FAILED;
    }

    /** Hands every command the terminal to write to. */
    private record TerminalFactory(Terminal terminal) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            if (TerminalAware.class.isAssignableFrom(type)) {
                K command = CommandLine.defaultFactory().create(type);
                ((TerminalAware) command).terminal(terminal);
                return command;
            }
            return CommandLine.defaultFactory().create(type);
        }
    }
}
