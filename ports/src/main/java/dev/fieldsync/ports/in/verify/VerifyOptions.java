package dev.fieldsync.ports.in.verify;

import java.util.Objects;
import java.util.Optional;

/** Whether to run the write test, and on which site and job type (names or ids). */
public record VerifyOptions(boolean writeTest, Optional<String> site, Optional<String> jobType) {
    public VerifyOptions {
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(jobType, "jobType");
    }

    public static VerifyOptions readOnly() {
        return new VerifyOptions(false, Optional.empty(), Optional.empty());
    }
}
