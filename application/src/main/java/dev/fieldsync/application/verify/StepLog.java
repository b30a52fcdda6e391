package dev.fieldsync.application.verify;

import dev.fieldsync.ports.in.verify.VerificationReport;
import dev.fieldsync.ports.in.verify.VerificationStep;
import dev.fieldsync.ports.in.verify.VerificationStep.Outcome;
import dev.fieldsync.ports.out.gateway.GatewayException;
import dev.fieldsync.ports.out.gateway.GatewayProblemException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** The steps of one verification run as they happen, told to the listener one by one, and the requests spent. */
final class StepLog {
    private final Consumer<VerificationStep> onStep;
    private final List<VerificationStep> steps = new ArrayList<>();
    private int spent;

    StepLog(Consumer<VerificationStep> onStep) {
        this.onStep = onStep;
    }

    /** Counts a request about to be sent. */
    void spend() {
        spent++;
    }

    void add(VerificationStep step) {
        steps.add(step);
        onStep.accept(step);
    }

    void passed(String name, String detail) {
        add(new VerificationStep(name, Outcome.PASSED, detail, Optional.empty(), Optional.empty()));
    }

    void skip(String name, String reason) {
        add(new VerificationStep(name, Outcome.SKIPPED, "skipped: " + reason, Optional.empty(), Optional.empty()));
    }

    boolean has(String name) {
        return steps.stream().anyMatch(step -> step.name().equals(name));
    }

    /** A failed step in the gateway's words: the problem's status, code and title, and the hint of its catalog. */
    static VerificationStep failure(String name, GatewayException failure) {
        String meaning = failure instanceof GatewayProblemException problem
                ? problem.problem().status() + " " + problem.problem().codeName() + ": "
                        + problem.problem().title()
                : failure.getMessage();
        return new VerificationStep(
                name, Outcome.FAILED, failure.describe(), Optional.of(meaning), Optional.of(failure.hint()));
    }

    VerificationReport report(int planned) {
        return new VerificationReport(steps, planned, spent);
    }
}
