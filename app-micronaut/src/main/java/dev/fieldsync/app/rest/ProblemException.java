package dev.fieldsync.app.rest;

import dev.fieldsync.domain.validation.Violation;
import java.util.List;

/** Ends a request with a problem document; {@link ProblemHandler} renders it. */
public final class ProblemException extends RuntimeException {
    private final transient Problem problem;

    public ProblemException(Problem problem) {
        super(problem.title() + (problem.detail() == null ? "" : ": " + problem.detail()), null, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    /** 400 listing every violation. */
    public static ProblemException invalid(List<Violation> violations) {
        int count = violations.size();
        return new ProblemException(Problem.of(400, "invalid-input", "The request has " + count + " problem"
                        + (count == 1 ? "" : "s"), "Fix every field listed under errors and send it again.")
                .withErrors(violations.stream()
                        .map(v -> new Problem.FieldError(v.field(), v.rule(), v.message())).toList()));
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(Problem.of(404, "not-found", what + " was not found", null));
    }
}
