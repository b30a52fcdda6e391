package dev.fieldsync.app.cli;

import dev.fieldsync.domain.change.Change;
import dev.fieldsync.domain.change.ChangeEntry;
import dev.fieldsync.domain.change.ChangeKind;
import dev.fieldsync.domain.job.JobState;
import dev.fieldsync.ports.in.changes.ReadChanges;
import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code fieldsync changes tail}: the change feed from the database, one line per change. */
@Command(
        name = "changes",
        mixinStandardHelpOptions = true,
        description =
                "Reads the change feed (every new or changed job, provisional state and submission state) and operates its consumers (webhook endpoints, broker sinks).",
        subcommands = {
            ChangesCommand.Tail.class,
            ConsumerCommands.Consumers.class,
            ConsumerCommands.Deliveries.class,
            ConsumerCommands.Replay.class,
            ConsumerCommands.Resume.class
        })
class ChangesCommand extends CommandGroup {
    /** {@code fieldsync changes tail [--after SEQ] [--follow]}. */
    @Command(
            name = "tail",
            mixinStandardHelpOptions = true,
            description = "Prints the changes after a sequence, oldest first; --follow keeps printing new ones.")
    static class Tail extends BaseCommand {
        private static final int PAGE = 500;
        private static final Duration WAIT = Duration.ofSeconds(30);

        @Option(
                names = "--after",
                paramLabel = "SEQ",
                defaultValue = "0",
                description = "Start after this sequence (default: from the oldest kept).")
        long after;

        @Option(names = "--follow", description = "Keep waiting for new changes (Ctrl-C to stop).")
        boolean follow;

        @Option(
                names = "--kinds",
                split = ",",
                paramLabel = "KIND",
                description = "Only these kinds (comma-separated), e.g. job.created,job.state_changed.")
        List<String> kinds;

        @Override
        int run(ApplicationContext context) throws InterruptedException {
            if (after < 0) {
                terminal.err().println("--after must be a change sequence (a whole number, 0 or more)");
                return ExitCodes.CONFIGURATION;
            }
            Optional<Set<ChangeKind>> wanted = parseKinds();
            if (wanted.isEmpty()) {
                return ExitCodes.CONFIGURATION;
            }
            ReadChanges feed = context.getBean(ReadChanges.class);
            long position = after;
            while (true) {
                List<Change> page = follow
                        ? feed.await(position, PAGE, wanted.get(), WAIT)
                        : feed.after(position, PAGE, wanted.get());
                for (Change change : page) {
                    terminal.out().println(line(change));
                    position = change.sequence();
                }
                if (!follow && page.size() < PAGE) {
                    terminal.err().println("Up to sequence " + position + "; continue with --after " + position);
                    return ExitCodes.OK;
                }
            }
        }

        private Optional<Set<ChangeKind>> parseKinds() {
            Set<ChangeKind> parsed = EnumSet.noneOf(ChangeKind.class);
            for (String name : kinds == null ? List.<String>of() : kinds) {
                Optional<ChangeKind> kind = ChangeKind.find(name);
                if (kind.isEmpty()) {
                    terminal.err()
                            .println("--kinds: '" + name + "' is not a change kind; use " + ChangeKind.wireNames());
                    return Optional.empty();
                }
                parsed.add(kind.get());
            }
            return Optional.of(parsed);
        }

        /** {@code 42  2026-03-01T08:00:00Z  job.state_changed  job 21172159  status  pending -> scheduled}. */
        static String line(Change change) {
            ChangeEntry entry = change.entry();
            StringBuilder text = new StringBuilder()
                    .append(change.sequence())
                    .append("  ")
                    .append(change.occurredAt())
                    .append("  ")
                    .append(change.kind().wireName());
            entry.jobId().ifPresent(job -> text.append("  job ").append(job.value()));
            entry.submission().ifPresent(id -> text.append("  submission ").append(id.value()));
            if (!entry.changedMembers().isEmpty()) {
                text.append("  ").append(String.join(",", entry.changedMembers()));
            }
            if (entry.from().isPresent() || entry.to().isPresent()) {
                text.append("  ")
                        .append(entry.from().map(JobState::wireName).orElse("-"))
                        .append(" -> ")
                        .append(entry.to().map(JobState::wireName).orElse("-"));
            }
            return text.toString();
        }
    }
}
