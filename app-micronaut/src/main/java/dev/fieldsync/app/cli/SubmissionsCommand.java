package dev.fieldsync.app.cli;

import dev.fieldsync.app.rest.Views;
import dev.fieldsync.domain.id.JobId;
import dev.fieldsync.domain.id.NumericId;
import dev.fieldsync.domain.submission.Submission;
import dev.fieldsync.domain.submission.SubmissionEvent;
import dev.fieldsync.domain.submission.SubmissionId;
import dev.fieldsync.domain.submission.SubmissionState;
import dev.fieldsync.ports.in.write.ReviewOutcome;
import dev.fieldsync.ports.in.write.ReviewSubmissions;
import io.micronaut.context.ApplicationContext;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fieldsync submissions list | show | confirm | resend | abandon}: the review queue of job creates. */
@Command(
        name = "submissions",
        mixinStandardHelpOptions = true,
        description = "Lists job creates by state and settles the ones fieldsync could not settle alone.",
        subcommands = {
            SubmissionsCommand.ListSubmissions.class,
            SubmissionsCommand.Show.class,
            SubmissionsCommand.Confirm.class,
            SubmissionsCommand.Resend.class,
            SubmissionsCommand.Abandon.class
        })
class SubmissionsCommand extends CommandGroup {
    /** {@code fieldsync submissions list}: from the database, no gateway call. */
    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description =
                    "Lists submissions, oldest first (default: the review queue, needs_review,outcome_unknown,failed).")
    static class ListSubmissions extends BaseCommand {
        @Option(
                names = "--state",
                split = ",",
                paramLabel = "STATE",
                description = "One or more of pending, sending, created, outcome_unknown, needs_review, failed, "
                        + "abandoned (comma-separated); 'all' for every state.")
        Set<String> states;

        @Option(names = "--limit", defaultValue = "50", description = "How many (1-500, default ${DEFAULT-VALUE}).")
        int limit;

        @Option(
                names = "--after",
                paramLabel = "SUBMISSION_ID",
                description = "The id printed after the previous list.")
        String after;

        @Option(
                names = "--json",
                description = "Print {\"submissions\": [...], \"next\": id for --after or null} (the API's shapes).")
        boolean json;

        @Override
        int run(ApplicationContext context) throws Exception {
            Optional<Set<SubmissionState>> wanted = parseStates();
            if (wanted.isEmpty()) {
                return ExitCodes.CONFIGURATION;
            }
            if (limit < 1 || limit > ReviewSubmissions.MAX_LIMIT) {
                terminal.err().println("--limit must be 1-" + ReviewSubmissions.MAX_LIMIT);
                return ExitCodes.CONFIGURATION;
            }
            ReviewSubmissions review = context.getBean(ReviewSubmissions.class);
            ReviewSubmissions.SubmissionPage page =
                    review.list(wanted.get(), Optional.ofNullable(after).map(SubmissionId::of), limit);
            if (json) {
                printJson(
                        context,
                        new Views.SubmissionList(
                                page.submissions().stream()
                                        .map(Views.SubmissionView::of)
                                        .toList(),
                                page.next().map(SubmissionId::value).orElse(null)));
                return ExitCodes.OK;
            }
            if (page.submissions().isEmpty()) {
                terminal.out().println("No submissions in " + describe(wanted.get()) + ".");
            }
            for (Submission s : page.submissions()) {
                terminal.out().println(line(s));
            }
            page.next().ifPresent(next -> terminal.out().println("More: --after " + next));
            return ExitCodes.OK;
        }

        private Optional<Set<SubmissionState>> parseStates() {
            if (states == null || states.isEmpty()) {
                return Optional.of(EnumSet.of(
                        SubmissionState.NEEDS_REVIEW, SubmissionState.OUTCOME_UNKNOWN, SubmissionState.FAILED));
            }
            Set<SubmissionState> parsed = EnumSet.noneOf(SubmissionState.class);
            for (String state : states) {
                if (state.equalsIgnoreCase("all")) {
                    return Optional.of(EnumSet.allOf(SubmissionState.class));
                }
                try {
                    parsed.add(SubmissionState.valueOf(state.strip().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException unknown) {
                    terminal.err()
                            .println("--state: '" + state + "' is not a submission state; use "
                                    + EnumSet.allOf(SubmissionState.class).stream()
                                            .map(SubmissionsCommand::word)
                                            .collect(Collectors.joining(", "))
                                    + " or all");
                    return Optional.empty();
                }
            }
            return Optional.of(parsed);
        }
    }

    /** {@code fieldsync submissions show ID}: everything about one submission. */
    @Command(name = "show", mixinStandardHelpOptions = true, description = "Shows one submission with its history.")
    static class Show extends BaseCommand {
        @Parameters(paramLabel = "SUBMISSION_ID")
        String id;

        @Override
        int run(ApplicationContext context) {
            Optional<Submission> found = context.getBean(dev.fieldsync.ports.in.write.SubmitJob.class)
                    .submission(SubmissionId.of(id));
            if (found.isEmpty()) {
                terminal.err().println("No submission " + id + " (see 'fieldsync submissions list --state all').");
                return ExitCodes.FAILED;
            }
            print(terminal, found.get());
            return ExitCodes.OK;
        }
    }

    /** {@code fieldsync submissions confirm ID --job JOB_ID}. */
    @Command(
            name = "confirm",
            mixinStandardHelpOptions = true,
            description = "Says which job a needs_review, outcome_unknown or failed create became.")
    static class Confirm extends Action {
        @Option(names = "--job", required = true, paramLabel = "JOB_ID", description = "The job it became (an id).")
        String job;

        @Override
        ReviewOutcome act(ReviewSubmissions review, SubmissionId submission) {
            if (!NumericId.isDigits(job)) {
                terminal.err().println("--job must be a job id (digits), e.g. 21172159");
                return null;
            }
            return review.confirm(submission, JobId.of(job), actor());
        }
    }

    /** {@code fieldsync submissions resend ID}. */
    @Command(
            name = "resend",
            mixinStandardHelpOptions = true,
            description = "Sends a needs_review, outcome_unknown or failed create again (it may create a second job).")
    static class Resend extends Action {
        @Override
        ReviewOutcome act(ReviewSubmissions review, SubmissionId submission) {
            return review.resend(submission, actor());
        }
    }

    /** {@code fieldsync submissions abandon ID [--reason TEXT]}. */
    @Command(
            name = "abandon",
            mixinStandardHelpOptions = true,
            description = "Gives up a needs_review, outcome_unknown or failed create: it is never sent again.")
    static class Abandon extends Action {
        @Option(names = "--reason", description = "Why (kept in its history).")
        String reason;

        @Override
        ReviewOutcome act(ReviewSubmissions review, SubmissionId submission) {
            return review.abandon(submission, Optional.ofNullable(reason), actor());
        }
    }

    /** An operator action: done ⇒ the new state; refused ⇒ why and what is allowed. */
    abstract static class Action extends BaseCommand {
        @Parameters(paramLabel = "SUBMISSION_ID")
        String id;

        @Option(
                names = "--by",
                paramLabel = "NAME",
                description = "Who acts, recorded in the history (default: cli:<your user name>).")
        String by;

        abstract ReviewOutcome act(ReviewSubmissions review, SubmissionId submission);

        Optional<String> actor() {
            return Optional.of(by != null && !by.isBlank() ? by : "cli:" + System.getProperty("user.name", "unknown"));
        }

        @Override
        int run(ApplicationContext context) {
            ReviewOutcome outcome = act(context.getBean(ReviewSubmissions.class), SubmissionId.of(id));
            if (outcome == null) {
                return ExitCodes.CONFIGURATION;
            } else if (outcome instanceof ReviewOutcome.Done done) {
                SubmissionEvent last = done.submission()
                        .history()
                        .get(done.submission().history().size() - 1);
                terminal.out()
                        .println("Submission " + id + " is now "
                                + word(done.submission().state()) + ": " + last.detail() + ".");
                return ExitCodes.OK;
            } else if (outcome instanceof ReviewOutcome.NotFound) {
                terminal.err().println("No submission " + id + " (see 'fieldsync submissions list --state all').");
                return ExitCodes.FAILED;
            } else if (outcome instanceof ReviewOutcome.NotAllowed refused) {
                terminal.err().println("Not done: " + refused.hint() + ".");
                return ExitCodes.FAILED;
            } else if (outcome instanceof ReviewOutcome.Invalid invalid) {
                WriteResults.violations(terminal, invalid.violations());
                return ExitCodes.CONFIGURATION;
            }
            throw new IllegalStateException("unknown review outcome " + outcome);
        }
    }

    static String word(SubmissionState state) {
        return state.name().toLowerCase(Locale.ROOT);
    }

    private static String describe(Set<SubmissionState> states) {
        return states.stream().map(SubmissionsCommand::word).collect(Collectors.joining(", "));
    }

    private static String line(Submission s) {
        StringBuilder line = new StringBuilder(s.id() + "  " + word(s.state()) + "  '"
                + s.draft().title() + "' at site " + s.draft().site() + "  external id " + s.externalId());
        s.jobId().ifPresent(job -> line.append("  job ").append(job));
        if (!s.candidates().isEmpty()) {
            line.append("  candidates ")
                    .append(s.candidates().stream().map(JobId::value).collect(Collectors.joining(",")));
        }
        return line.toString();
    }

    private static void print(Terminal terminal, Submission s) {
        terminal.out().println(line(s));
        terminal.out()
                .println("  created " + s.createdAt() + ", " + s.attempts() + " attempt(s)"
                        + (s.resent() ? ", re-sent once" : "") + ", reference "
                        + s.reference().line());
        s.lastError().ifPresent(error -> terminal.out().println("  last: " + error));
        for (SubmissionEvent event : s.history()) {
            terminal.out()
                    .println("  " + event.at() + "  " + word(event.from()) + " -> " + word(event.to()) + "  "
                            + event.kind().name().toLowerCase(Locale.ROOT)
                            + event.actor().map(actor -> " by " + actor).orElse("") + ": " + event.detail());
        }
    }
}
