package dev.fieldsync.app.cli;

import dev.fieldsync.domain.validation.Violation;
import dev.fieldsync.ports.in.write.WriteOutcome;
import java.util.List;
import java.util.function.Function;

/** Prints a write's outcome in words and maps it to an exit code. */
final class WriteResults {
    private WriteResults() {}

    static <T> int print(Terminal terminal, WriteOutcome<T> outcome, Function<T, String> done) {
        if (outcome instanceof WriteOutcome.Done<T> success) {
            terminal.out().println(done.apply(success.value()));
            return ExitCodes.OK;
        } else if (outcome instanceof WriteOutcome.Invalid<T> invalid) {
            violations(terminal, invalid.violations());
            return ExitCodes.CONFIGURATION;
        } else if (outcome instanceof WriteOutcome.Refused<T> refused) {
            terminal.err().println("The gateway refused: " + refused.problem().describe());
            terminal.err().println("  what to do: " + refused.hint());
            return ExitCodes.FAILED;
        } else if (outcome instanceof WriteOutcome.OutcomeUnknown<T> unknown) {
            terminal.err().println("Outcome unknown: " + unknown.message());
            terminal.err().println("  what to do: " + unknown.hint());
            return ExitCodes.OUTCOME_UNKNOWN;
        } else if (outcome instanceof WriteOutcome.NeedsReview<T> review) {
            terminal.err().println("Needs a person: " + review.message());
            terminal.err().println("  candidates: " + String.join(", ", review.candidates()));
            terminal.err().println("  what to do: " + review.hint());
            return ExitCodes.OUTCOME_UNKNOWN;
        } else if (outcome instanceof WriteOutcome.Failed<T> failed) {
            terminal.err().println("Failed: " + failed.message());
            terminal.err().println("  what to do: " + failed.hint());
            return ExitCodes.UNAVAILABLE;
        }
        throw new IllegalStateException("unknown outcome " + outcome);
    }

    static void violations(Terminal terminal, List<Violation> violations) {
        terminal.err().println("The input has " + violations.size() + " problem(s):");
        violations.forEach(v -> terminal.err().println("  - " + v.field() + ": " + v.message()));
    }
}
