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

    /** Most field errors one answer lists; the title and detail count the rest. */
    public static final int MAX_LISTED = 50;

    /** 400 listing every violation, or the first {@value #MAX_LISTED} and how many more there are. */
    public static ProblemException invalid(List<Violation> violations) {
        int count = violations.size();
        int unlisted = Math.max(0, count - MAX_LISTED);
        String detail = unlisted == 0
                ? "Fix every field listed under errors and send it again."
                : "The first " + MAX_LISTED + " are listed under errors, and " + unlisted
                        + " more: fix them and send the request again.";
        return new ProblemException(Problem.of(
                        400, "invalid-input", "The request has " + count + " problem" + (count == 1 ? "" : "s"), detail)
                .withErrors(violations.stream()
                        .limit(MAX_LISTED)
                        .map(v -> new Problem.FieldError(v.field(), v.rule(), v.message()))
                        .toList()));
    }

    /** {@link #invalid(List)} with what to do. */
    public static ProblemException invalid(List<Violation> violations, String hint) {
        return new ProblemException(invalid(violations).problem().withHint(hint));
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(Problem.of(404, "not-found", what + " was not found", null));
    }
}
