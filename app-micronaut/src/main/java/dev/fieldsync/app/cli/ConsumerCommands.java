package dev.fieldsync.app.cli;

import dev.fieldsync.app.config.FieldsyncSettings;
import dev.fieldsync.app.delivery.ConsumerOperations;
import dev.fieldsync.app.delivery.ConsumerProblem;
import dev.fieldsync.app.delivery.ConsumerStatus;
import dev.fieldsync.app.rest.ConsumerViews;
import dev.fieldsync.application.delivery.ChangeReplay;
import dev.fieldsync.ports.out.delivery.DeliveryAttempt;
import dev.fieldsync.ports.out.delivery.DeliveryLog;
import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The change feed's consumers from the command line, straight from the database (and the consumers' own receivers
 * for a replay): {@code changes consumers | deliveries NAME | replay NAME | resume NAME}. Bad input prints what was
 * wrong and the fix (exit 2).
 */
final class ConsumerCommands {
    private ConsumerCommands() {}

    /** A consumer command: the operations, and a problem turned into its message, hint and exit code 2. */
    abstract static class ConsumerCommand extends BaseCommand {
        @Override
        final int run(ApplicationContext context) throws Exception {
            try {
                return run(context, context.getBean(ConsumerOperations.class));
            } catch (ConsumerProblem problem) {
                terminal.err().println(problem.getMessage() + "; " + problem.hint());
                return ExitCodes.CONFIGURATION;
            }
        }

        abstract int run(ApplicationContext context, ConsumerOperations operations) throws Exception;

        static Duration maxLag(ApplicationContext context) {
            return context.getBean(FieldsyncSettings.class).changeDelivery().maxLag();
        }
    }

    @Command(
            name = "consumers",
            mixinStandardHelpOptions = true,
            description = "Lists the webhook endpoints and broker sinks with their state, lag and dead letters.")
    static class Consumers extends ConsumerCommand {
        @Option(names = "--json", description = "Print the list as GET /api/changes/consumers answers it.")
        boolean json;

        @Override
        int run(ApplicationContext context, ConsumerOperations operations) throws Exception {
            List<ConsumerStatus> all = operations.all();
            if (json) {
                printJson(
                        context,
                        new ConsumerViews.ConsumerList(all.stream()
                                .map(s -> ConsumerViews.Consumer.of(s, maxLag(context)))
                                .toList()));
                return ExitCodes.OK;
            }
            if (all.isEmpty()) {
                terminal.out()
                        .println("No change consumer is configured (fieldsync.changes.endpoints.<name>.url,"
                                + " fieldsync.changes.rabbitmq.<name>.uri).");
            }
            for (ConsumerStatus status : all) {
                var state = status.state();
                terminal.out()
                        .println(status.name() + "  " + status.configured().type() + "  "
                                + status.configured().target()
                                + (status.configured().enabled() ? "" : "  (disabled)")
                                + "  cursor " + state.cursor() + "  behind "
                                + status.lag().changes() + " change(s), "
                                + status.lag().age().toSeconds() + " s"
                                + (state.paused() ? "  PAUSED" : "")
                                + (state.failedAttempts() > 0
                                        ? "  failing: " + state.failedAttempts() + " attempt(s)"
                                        : "")
                                + "  dead letters " + status.deadLetters().size());
                status.warning(maxLag(context)).ifPresent(w -> terminal.out().println("  ! " + w));
                for (DeliveryLog.DeadLetter letter : status.deadLetters()) {
                    terminal.out()
                            .println("  dead letter " + letter.changeId() + " (sequence " + letter.sequence()
                                    + ") after " + letter.attempts() + " attempt(s): " + letter.reason());
                }
            }
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "deliveries",
            mixinStandardHelpOptions = true,
            description = "A consumer's delivery log, newest first: each attempt with its status and latency.")
    static class Deliveries extends ConsumerCommand {
        @Parameters(paramLabel = "NAME", description = "The consumer (see 'changes consumers').")
        String name;

        @Option(names = "--limit", defaultValue = "50", description = "Attempts to show (1-500, default 50).")
        int limit;

        @Option(names = "--before", paramLabel = "ID", description = "Older than this attempt id (the next page).")
        Long before;

        @Override
        int run(ApplicationContext context, ConsumerOperations operations) {
            List<DeliveryLog.LoggedAttempt> page =
                    operations.deliveries(name, before == null ? Long.MAX_VALUE : before, limit);
            for (DeliveryLog.LoggedAttempt logged : page) {
                DeliveryAttempt attempt = logged.recorded().attempt();
                terminal.out()
                        .println(logged.id() + "  " + logged.recorded().at() + "  " + attempt.deliveryId() + "  "
                                + (attempt.delivered() ? "delivered" : "FAILED") + "  "
                                + (attempt.status().isPresent()
                                        ? "HTTP " + attempt.status().getAsInt() + "  "
                                        : "")
                                + attempt.latency().toMillis() + " ms"
                                + (attempt.delivered() ? "" : "  " + attempt.detail()));
            }
            if (page.size() == limit) {
                terminal.err()
                        .println("Older attempts: --before "
                                + page.get(page.size() - 1).id());
            }
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "replay",
            mixinStandardHelpOptions = true,
            description = "Delivers one change or a range again now, or (--from alone) rewinds the consumer so its"
                    + " deliverer sends everything from there again.")
    static class Replay extends ConsumerCommand {
        @Parameters(paramLabel = "NAME", description = "The consumer (see 'changes consumers').")
        String name;

        @ArgGroup(multiplicity = "1")
        What what;

        static class What {
            @Option(names = "--change", paramLabel = "ID", description = "One change, by its id (chg_...).")
            String change;

            @ArgGroup(exclusive = false)
            Range range;
        }

        static class Range {
            @Option(names = "--from", required = true, paramLabel = "SEQ", description = "From this sequence.")
            long from;

            @Option(names = "--to", paramLabel = "SEQ", description = "To this sequence (now); without it: a rewind.")
            Long to;
        }

        @Override
        int run(ApplicationContext context, ConsumerOperations operations) {
            if (what.change != null) {
                return report(operations.replayChange(name, what.change));
            }
            if (what.range.to != null) {
                return report(operations.replayRange(name, what.range.from, what.range.to));
            }
            operations.rewind(name, what.range.from);
            terminal.out()
                    .println("Consumer " + name + " delivers every change from " + what.range.from
                            + " on again (the running service's deliverer picks it up within its poll interval).");
            return ExitCodes.OK;
        }

        private int report(ChangeReplay.Result result) {
            for (DeliveryAttempt attempt : result.attempts()) {
                terminal.out()
                        .println(attempt.deliveryId() + "  "
                                + (attempt.delivered() ? "delivered" : "FAILED: " + attempt.detail()));
            }
            terminal.out().println("Delivered " + result.delivered() + " of " + result.found() + " change(s).");
            return result.delivered() == result.found() ? ExitCodes.OK : ExitCodes.FAILED;
        }
    }

    @Command(
            name = "resume",
            mixinStandardHelpOptions = true,
            description = "Resumes a paused consumer: delivery goes on from where it stood.")
    static class Resume extends ConsumerCommand {
        @Parameters(paramLabel = "NAME", description = "The consumer (see 'changes consumers').")
        String name;

        @Override
        int run(ApplicationContext context, ConsumerOperations operations) {
            boolean paused = operations.status(name).state().paused();
            operations.resume(name);
            terminal.out()
                    .println(
                            paused
                                    ? "Consumer " + name + " resumed from sequence "
                                            + operations.status(name).state().cursor() + "."
                                    : "Consumer " + name + " was not paused; its failure count starts over.");
            return ExitCodes.OK;
        }
    }
}
