package dev.fieldsync.sandbox.data;

/** The five documented {@code status.state} values (GATEWAY-API.md §9). */
public enum State {
    PENDING("pending", true),
    SCHEDULED("scheduled", true),
    IN_PROGRESS("in_progress", true),
    COMPLETED("completed", false),
    CANCELLED("cancelled", false);

    private final String wire;
    private final boolean open;

    State(String wire, boolean open) {
        this.wire = wire;
        this.open = open;
    }

    public String wire() {
        return wire;
    }

    public boolean open() {
        return open;
    }

    /** The next state of the scheduling simulation, or null when the job is closed. */
    public State next() {
        return switch (this) {
            case PENDING -> SCHEDULED;
            case SCHEDULED -> IN_PROGRESS;
            case IN_PROGRESS -> COMPLETED;
            default -> null;
        };
    }
}
