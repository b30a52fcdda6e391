package dev.fieldsync.app.delivery;

/** Bad input to an operation on a consumer: what was wrong, what to do, and whether it names nothing that exists. */
public final class ConsumerProblem extends RuntimeException {
    private final String hint;
    private final boolean notFound;

    public ConsumerProblem(String problem, String hint) {
        this(problem, hint, false);
    }

    public ConsumerProblem(String problem, String hint, boolean notFound) {
        super(problem, null, false, false);
        this.hint = hint;
        this.notFound = notFound;
    }

    public String hint() {
        return hint;
    }

    public boolean notFound() {
        return notFound;
    }
}
