package dev.fieldsync.sandbox;

import java.util.Locale;

/** What a request suffers ({@link SandboxFaults} draws one per request). Pre-handler faults stop it before it runs; the last three mangle its answer. */
public enum Fault {
    NONE,
    /** 500 internal, the request did not run. */
    INTERNAL,
    /** 502 schema-drift. */
    SCHEMA_DRIFT,
    /** 502 upstream-scope-violation. */
    UPSTREAM_SCOPE_VIOLATION,
    /** 503 with the undocumented code "unavailable" (the client must map unknown codes generically). */
    UNAVAILABLE,
    /** 502 text/html page, as a proxy in front of the gateway would send. */
    HTML_ERROR,
    /** No answer; the connection is closed after hangMillis. */
    HANG,
    /** The request runs (writes take effect), then the connection closes mid-response. */
    CONNECTION_RESET,
    /** The request runs, the 2xx body is not JSON. */
    MALFORMED_JSON,
    /** The request runs, the 2xx body is cut in half. */
    TRUNCATED_JSON;

    /** This fault's probability as PUT /_sandbox/faults names it. */
    String jsonName() {
        return this == INTERNAL ? "internal_error_probability" : name().toLowerCase(Locale.ROOT) + "_probability";
    }
}
