package dev.fieldsync.sandbox;

import io.vertx.core.json.JsonObject;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;

/**
 * Fault injection for {@code /v1/*} requests (never for {@code /_sandbox/*}). Mutable at run time,
 * thread-safe; the random generator is seeded so a run can be reproduced. Probabilities are per request
 * and checked in the order of {@link Fault}; at most one fault hits a request (plus added latency). Each
 * setting is one entry of one table, named in JSON as in {@code PUT /_sandbox/faults}.
 */
public final class SandboxFaults {
    private final long initialSeed;
    private Random random;
    private final Map<Fault, Double> probabilities = new EnumMap<>(Fault.class);
    private final Map<FaultKnob, Double> knobs = new EnumMap<>(FaultKnob.class);
    private volatile boolean writesDisabled;
    private volatile boolean cancelNotConfigured;

    SandboxFaults(long seed) {
        this.initialSeed = seed;
        reset();
    }

    /** Everything off, RNG re-seeded with the start-up fault seed. */
    public synchronized SandboxFaults reset() {
        random = new Random(initialSeed);
        for (Fault fault : Fault.values()) {
            if (fault != Fault.NONE) {
                probabilities.put(fault, 0.0);
            }
        }
        for (FaultKnob knob : FaultKnob.values()) {
            knobs.put(knob, knob.initial);
        }
        writesDisabled = false;
        cancelNotConfigured = false;
        return this;
    }

    public synchronized SandboxFaults seed(long seed) {
        random = new Random(seed);
        return this;
    }

    private static double p(double v) {
        if (!(v >= 0 && v <= 1)) {
            throw new IllegalArgumentException("probability must be within [0, 1]: " + v);
        }
        return v;
    }

    /** The probability of one fault per request. */
    public synchronized SandboxFaults probability(Fault fault, double v) {
        if (fault == Fault.NONE) {
            throw new IllegalArgumentException("NONE has no probability of its own");
        }
        probabilities.put(fault, p(v));
        return this;
    }

    public synchronized double probability(Fault fault) {
        return probabilities.getOrDefault(fault, 0.0);
    }

    private synchronized SandboxFaults knob(FaultKnob knob, double v) {
        knobs.put(knob, knob.json.endsWith("_probability") ? p(v) : Math.max(0, v));
        return this;
    }

    private synchronized double knob(FaultKnob knob) {
        return knobs.get(knob);
    }

    public SandboxFaults internalErrorProbability(double v) {
        return probability(Fault.INTERNAL, v);
    }

    public double internalErrorProbability() {
        return probability(Fault.INTERNAL);
    }

    public SandboxFaults schemaDriftProbability(double v) {
        return probability(Fault.SCHEMA_DRIFT, v);
    }

    public SandboxFaults upstreamScopeViolationProbability(double v) {
        return probability(Fault.UPSTREAM_SCOPE_VIOLATION, v);
    }

    public SandboxFaults unavailableProbability(double v) {
        return probability(Fault.UNAVAILABLE, v);
    }

    public SandboxFaults htmlErrorProbability(double v) {
        return probability(Fault.HTML_ERROR, v);
    }

    public SandboxFaults hangProbability(double v) {
        return probability(Fault.HANG, v);
    }

    public SandboxFaults connectionResetProbability(double v) {
        return probability(Fault.CONNECTION_RESET, v);
    }

    public SandboxFaults malformedJsonProbability(double v) {
        return probability(Fault.MALFORMED_JSON, v);
    }

    public SandboxFaults truncatedJsonProbability(double v) {
        return probability(Fault.TRUNCATED_JSON, v);
    }

    /** How long a hung request keeps its connection before closing it (real ms, default 30 000). */
    public SandboxFaults hangMillis(long v) {
        return knob(FaultKnob.HANG_MILLIS, v);
    }

    public long hangMillis() {
        return (long) knob(FaultKnob.HANG_MILLIS);
    }

    /** Added to every /v1 request (real ms). */
    public SandboxFaults latencyMillis(long v) {
        return knob(FaultKnob.LATENCY_MILLIS, v);
    }

    /** Uniform extra latency in [0, v] (real ms). */
    public SandboxFaults latencyJitterMillis(long v) {
        return knob(FaultKnob.LATENCY_JITTER_MILLIS, v);
    }

    /** The job IS created, the client gets 500 internal. */
    public SandboxFaults ambiguousCreateErrorProbability(double v) {
        return knob(FaultKnob.AMBIGUOUS_CREATE_ERROR_PROBABILITY, v);
    }

    /** The job IS created, the connection is closed without an answer. */
    public SandboxFaults ambiguousCreateDropProbability(double v) {
        return knob(FaultKnob.AMBIGUOUS_CREATE_DROP_PROBABILITY, v);
    }

    /** Every write (POST/PATCH under /v1) answers 503 writes-disabled. */
    public SandboxFaults writesDisabled(boolean v) {
        writesDisabled = v;
        return this;
    }

    public boolean writesDisabled() {
        return writesDisabled;
    }

    /** Every cancel answers 503 cancel-not-configured. */
    public SandboxFaults cancelNotConfigured(boolean v) {
        cancelNotConfigured = v;
        return this;
    }

    public boolean cancelNotConfigured() {
        return cancelNotConfigured;
    }

    /** Draws the fault for one request. */
    synchronized Fault roll() {
        double sum =
                probabilities.values().stream().mapToDouble(Double::doubleValue).sum();
        if (sum == 0) {
            return Fault.NONE;
        }
        double r = random.nextDouble();
        double acc = 0;
        for (Fault fault : Fault.values()) {
            if (fault != Fault.NONE) {
                acc += probabilities.get(fault);
                if (r < acc) {
                    return fault;
                }
            }
        }
        return Fault.NONE;
    }

    /** 0 = none, 1 = created then 500, 2 = created then connection dropped. */
    synchronized int rollAmbiguousCreate() {
        double e = knob(FaultKnob.AMBIGUOUS_CREATE_ERROR_PROBABILITY);
        double d = knob(FaultKnob.AMBIGUOUS_CREATE_DROP_PROBABILITY);
        if (e + d == 0) {
            return 0;
        }
        double r = random.nextDouble();
        return r < e ? 1 : r < e + d ? 2 : 0;
    }

    synchronized long latency() {
        long jitter = (long) knob(FaultKnob.LATENCY_JITTER_MILLIS);
        return (long) knob(FaultKnob.LATENCY_MILLIS) + (jitter > 0 ? (long) (random.nextDouble() * (jitter + 1)) : 0);
    }

    public synchronized JsonObject toJson() {
        JsonObject json = new JsonObject();
        for (Fault fault : Fault.values()) {
            if (fault != Fault.NONE) {
                json.put(fault.jsonName(), probabilities.get(fault));
            }
        }
        for (FaultKnob knob : FaultKnob.values()) {
            double v = knobs.get(knob);
            json.put(knob.json, knob.json.endsWith("_probability") ? (Object) v : (Object) (long) v);
        }
        return json.put("writes_disabled", writesDisabled).put("cancel_not_configured", cancelNotConfigured);
    }

    /**
     * Applies the members present (PUT /_sandbox/faults is a partial update; "reset": true first resets,
     * "seed" re-seeds). Throws IllegalArgumentException on unknown members or bad values, before changing
     * anything.
     */
    public synchronized void apply(JsonObject json) {
        JsonObject known = toJson().put("seed", 0L).put("reset", false);
        for (String name : json.fieldNames()) {
            if (!known.containsKey(name)) {
                throw new IllegalArgumentException("unknown fault setting " + name);
            }
            Object v = json.getValue(name);
            Object k = known.getValue(name);
            if (k instanceof Boolean ? !(v instanceof Boolean) : !(v instanceof Number)) {
                throw new IllegalArgumentException("bad value for " + name);
            }
            if (name.endsWith("_probability")) {
                p(((Number) v).doubleValue());
            }
        }
        if (Boolean.TRUE.equals(json.getValue("reset"))) {
            reset();
        }
        for (String name : json.fieldNames()) {
            Object v = json.getValue(name);
            switch (name) {
                case "writes_disabled" -> writesDisabled((Boolean) v);
                case "cancel_not_configured" -> cancelNotConfigured((Boolean) v);
                case "seed" -> seed(((Number) v).longValue());
                case "reset" -> {}
                default -> applyNumber(name, ((Number) v).doubleValue());
            }
        }
    }

    private void applyNumber(String name, double v) {
        for (Fault fault : Fault.values()) {
            if (fault != Fault.NONE && fault.jsonName().equals(name)) {
                probability(fault, v);
                return;
            }
        }
        for (FaultKnob knob : FaultKnob.values()) {
            if (knob.json.equals(name)) {
                knob(knob, v);
                return;
            }
        }
    }

    @Override
    public String toString() {
        return "SandboxFaults" + toJson().encode();
    }
}
