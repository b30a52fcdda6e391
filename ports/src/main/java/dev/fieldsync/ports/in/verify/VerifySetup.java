package dev.fieldsync.ports.in.verify;

import java.util.function.Consumer;

/** The gateway's setup &amp; verification checklist as one use case. */
public interface VerifySetup {

    /** How many gateway requests {@link #verify} will spend with these options, said before it starts. */
    int plannedRequests(VerifyOptions options);

    /** Runs the checklist, telling {@code onStep} about each step as it finishes. */
    VerificationReport verify(VerifyOptions options, Consumer<VerificationStep> onStep);
}
