package dev.fieldsync.adapters.vertx.wire;

/**
 * An answer that does not have the documented shape: a member of the wrong type, a required member
 * missing, or a value the domain refuses. Internal to the adapter; the gateway turns it into a
 * {@code GatewayResponseException} of kind SCHEMA carrying both request ids.
 */
public final class SchemaViolation extends RuntimeException {
    private final boolean malformed;

    private SchemaViolation(String message, boolean malformed, Throwable cause) {
        super(message, cause, false, false);
        this.malformed = malformed;
    }

    /** A member of the wrong type or a missing required member, named by its JSON path. */
    public static SchemaViolation at(String path, String problem) {
        return new SchemaViolation(path + ": " + problem, false, null);
    }

    /** The body is not JSON at all, or ended early. */
    public static SchemaViolation malformed(String problem, Throwable cause) {
        return new SchemaViolation(problem, true, cause);
    }

    /** True when the body is not JSON (kind MALFORMED), false when it is JSON of the wrong shape (SCHEMA). */
    public boolean isMalformed() {
        return malformed;
    }
}
