package dev.fieldsync.app.cli;

import dev.fieldsync.app.config.FieldsyncSettings;
import dev.fieldsync.app.rest.IntegrationScopes;
import dev.fieldsync.app.rest.IntegrationViews;
import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.domain.integration.IntegrationState;
import dev.fieldsync.ports.in.integrations.IntegrationStatus;
import dev.fieldsync.ports.in.integrations.ManageIntegrations;
import io.micronaut.context.ApplicationContext;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code fieldsync integrations list | pause ID | resume ID | sync ID}: the integration registry, straight from the
 * database. A pause holds on every instance within a second; {@code sync} runs one pass here, as {@code sync --once}.
 */
@Command(
        name = "integrations",
        mixinStandardHelpOptions = true,
        description = "Lists the integrations and pauses, resumes or syncs one (from the database; a running service"
                + " sees a pause within a second).",
        subcommands = {
            IntegrationsCommand.ListIntegrations.class,
            IntegrationsCommand.Pause.class,
            IntegrationsCommand.Resume.class,
            IntegrationsCommand.Sync.class
        })
class IntegrationsCommand extends CommandGroup {

    /** A registry command: the use cases, and an unknown id turned into a message and exit code 2. */
    abstract static class RegistryCommand extends BaseCommand {
        @Override
        final int run(ApplicationContext context) throws Exception {
            return run(context, context.getBean(ManageIntegrations.class));
        }

        abstract int run(ApplicationContext context, ManageIntegrations integrations) throws Exception;

        int unknown(String id) {
            terminal.err().println("no integration '" + id + "'; 'fieldsync integrations list' shows them");
            return ExitCodes.CONFIGURATION;
        }

        static Optional<IntegrationId> parse(String id) {
            try {
                return Optional.of(IntegrationId.of(id));
            } catch (IllegalArgumentException malformed) {
                return Optional.empty();
            }
        }

        void print(IntegrationStatus status) {
            var integration = status.integration();
            StringBuilder line = new StringBuilder(integration.id().value())
                    .append("  ")
                    .append(integration.state().name().toLowerCase(java.util.Locale.ROOT));
            integration.pausedAt().ifPresent(at -> line.append(" since ").append(at));
            status.leader().ifPresent(leader -> line.append("  leader ").append(leader));
            status.sync().ifPresent(sync -> {
                line.append("  ").append(sync.mirroredJobs()).append(" job(s) mirrored");
                sync.lastCompletedTo()
                        .ifPresent(to -> line.append(", last pass to ").append(to));
                sync.lastError()
                        .ifPresent(error -> line.append("  last error: ").append(error));
            });
            line.append("  ").append(integration.gatewayUrl()).append("  key ").append(integration.key());
            terminal.out().println(line);
        }
    }

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = "Every integration: state, mirror size, last completed pass, gateway, key source.")
    static class ListIntegrations extends RegistryCommand {
        @Option(names = "--json", description = "Print the list as GET /api/integrations answers it.")
        boolean json;

        @Override
        int run(ApplicationContext context, ManageIntegrations integrations) throws Exception {
            List<IntegrationStatus> all = integrations.list();
            if (json) {
                String instance =
                        context.getBean(FieldsyncSettings.class).instance().id();
                IntegrationScopes scopes = context.getBean(IntegrationScopes.class);
                printJson(
                        context,
                        new IntegrationViews.IntegrationList(all.stream()
                                .map(status -> IntegrationViews.IntegrationView.of(
                                        status,
                                        instance,
                                        scopes.problem(status.integration().id())))
                                .toList()));
                return ExitCodes.OK;
            }
            all.forEach(this::print);
            return ExitCodes.OK;
        }
    }

    /** Pause or resume: one integration's pause set, and what it is now. */
    abstract static class PauseCommand extends RegistryCommand {
        @Parameters(paramLabel = "ID", description = "The integration (see 'integrations list').")
        String id;

        abstract Optional<IntegrationStatus> apply(ManageIntegrations integrations, IntegrationId integration);

        @Override
        final int run(ApplicationContext context, ManageIntegrations integrations) {
            Optional<IntegrationStatus> now = parse(id).flatMap(integration -> apply(integrations, integration));
            now.ifPresent(this::print);
            return now.isPresent() ? ExitCodes.OK : unknown(id);
        }
    }

    @Command(
            name = "pause",
            mixinStandardHelpOptions = true,
            description = "Pauses it on every instance: no sync pass, no dispatch of queued creates, until resumed.")
    static class Pause extends PauseCommand {
        @Override
        Optional<IntegrationStatus> apply(ManageIntegrations integrations, IntegrationId integration) {
            return integrations.pause(integration);
        }
    }

    @Command(
            name = "resume",
            mixinStandardHelpOptions = true,
            description = "Resumes it: passes and dispatch run again from the service's next tick.")
    static class Resume extends PauseCommand {
        @Override
        Optional<IntegrationStatus> apply(ManageIntegrations integrations, IntegrationId integration) {
            return integrations.resume(integration);
        }
    }

    @Command(
            name = "sync",
            mixinStandardHelpOptions = true,
            description = "Runs one pass of it here now, as 'sync --once' (refused while it is paused).")
    static class Sync extends RegistryCommand {
        @Parameters(paramLabel = "ID", description = "The integration: this configuration's (--integration).")
        String id;

        @Option(names = "--quiet", description = "No progress; only the result (and errors).")
        boolean quiet;

        @Option(names = "--json", description = "Print the result as one JSON document.")
        boolean json;

        @Override
        int run(ApplicationContext context, ManageIntegrations integrations) throws Exception {
            Optional<IntegrationStatus> found = parse(id).flatMap(integrations::find);
            if (found.isEmpty()) {
                return unknown(id);
            }
            IntegrationId configured = context.getBean(FieldsyncSettings.class).integration();
            if (!found.get().integration().id().equals(configured)) {
                terminal.err()
                        .println("this configuration runs integration '" + configured + "'; pass --integration " + id
                                + " (with its gateway and key) to sync '" + id + "'");
                return ExitCodes.CONFIGURATION;
            }
            if (found.get().integration().state() != IntegrationState.RUNNING) {
                terminal.err()
                        .println("integration '" + id + "' is "
                                + found.get().integration().state().name().toLowerCase(java.util.Locale.ROOT)
                                + "; 'fieldsync integrations resume " + id
                                + "' first");
                return ExitCodes.CONFIGURATION;
            }
            SyncCommand pass = new SyncCommand();
            pass.terminal(terminal);
            pass.quiet = quiet;
            pass.json = json;
            return pass.run(context);
        }
    }
}
