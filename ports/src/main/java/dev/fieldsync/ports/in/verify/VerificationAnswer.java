package dev.fieldsync.ports.in.verify;

import java.time.Instant;
import java.util.Objects;

/**
 * A checklist report for a caller: when it ran, whether it is a reused one ({@code reused}: this call spent no
 * request), and from when {@code force} runs it anew.
 */
public record VerificationAnswer(VerificationReport report, Instant ranAt, boolean reused, Instant forceAllowedAt) {
    public VerificationAnswer {
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(ranAt, "ranAt");
        Objects.requireNonNull(forceAllowedAt, "forceAllowedAt");
    }
}
