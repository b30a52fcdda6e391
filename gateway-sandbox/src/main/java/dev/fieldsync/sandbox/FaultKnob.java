package dev.fieldsync.sandbox;

/** The numeric settings of {@link SandboxFaults} besides the fault probabilities, with their JSON names and reset values. */
enum FaultKnob {
    HANG_MILLIS("hang_millis", 30_000),
    LATENCY_MILLIS("latency_millis", 0),
    LATENCY_JITTER_MILLIS("latency_jitter_millis", 0),
    AMBIGUOUS_CREATE_ERROR_PROBABILITY("ambiguous_create_error_probability", 0),
    AMBIGUOUS_CREATE_DROP_PROBABILITY("ambiguous_create_drop_probability", 0);

    final String json;
    final double initial;

    FaultKnob(String json, double initial) {
        this.json = json;
        this.initial = initial;
    }
}
