package dev.fieldsync.app.cli;

import picocli.CommandLine;

/**
 * A command that only groups subcommands ({@code fieldsync jobs}, {@code fieldsync changes}, ...): run on its own, it
 * prints its usage, which lists them.
 */
@CommandLine.Command
abstract class CommandGroup implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
