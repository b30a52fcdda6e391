package dev.fieldsync.ports.in.verify;

import java.util.List;

/** Every step of a verification, the requests it spent, and whether the setup is usable. */
public record VerificationReport(List<VerificationStep> steps, int plannedRequests, int requestsSpent) {
    public VerificationReport {
        steps = List.copyOf(steps);
    }

    /** True when no step failed (warnings allowed). */
    public boolean passed() {
        return steps.stream().noneMatch(step -> step.outcome() == VerificationStep.Outcome.FAILED);
    }
}
