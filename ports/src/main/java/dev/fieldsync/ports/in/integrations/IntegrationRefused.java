package dev.fieldsync.ports.in.integrations;

/** A change of the registry that is not allowed, and why (the API answers 409 with the message). */
public final class IntegrationRefused extends RuntimeException {
    /** Why. */
    public enum Reason {
        /** An integration with that id is registered already. */
        EXISTS,
        /** It is declared in the service's configuration, which declares it again at every start: change it there. */
        CONFIGURED,
        /** This process runs its core: stop serving it first. */
        SERVED
    }

    private final Reason reason;

    public IntegrationRefused(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
