package dev.fieldsync.application.verify;

import dev.fieldsync.ports.in.verify.RequestVerification;
import dev.fieldsync.ports.in.verify.VerificationAnswer;
import dev.fieldsync.ports.in.verify.VerificationReport;
import dev.fieldsync.ports.in.verify.VerifyOptions;
import dev.fieldsync.ports.in.verify.VerifySetup;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The checklist on a caller's behalf: the last report of the same options is answered again while it is younger
 * than the reuse time; {@code force} runs anew unless the last run is younger than the forced-run interval. One
 * run at a time: callers arriving meanwhile wait and get its report, so a burst of calls spends one run.
 */
public final class VerificationReuse implements RequestVerification {
    private final VerifySetup verifier;
    private final Clock clock;
    private final Duration reuse;
    private final Duration forcedInterval;
    private final Map<VerifyOptions, Ran> last = new HashMap<>(); // guarded by this

    public VerificationReuse(VerifySetup verifier, Clock clock, Duration reuse, Duration forcedInterval) {
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.reuse = Objects.requireNonNull(reuse, "reuse");
        this.forcedInterval = Objects.requireNonNull(forcedInterval, "forcedInterval");
    }

    @Override
    public synchronized VerificationAnswer verify(VerifyOptions options, boolean force) {
        Objects.requireNonNull(options, "options");
        Instant now = clock.instant();
        Ran previous = last.get(options);
        if (previous != null && now.isBefore(previous.at.plus(force ? forcedInterval : reuse))) {
            return previous.answer(true);
        }
        VerificationReport report = verifier.verify(options, step -> {});
        Ran ran = new Ran(report, now);
        last.put(options, ran);
        return ran.answer(false);
    }

    private final class Ran {
        final VerificationReport report;
        final Instant at;

        Ran(VerificationReport report, Instant at) {
            this.report = report;
            this.at = at;
        }

        VerificationAnswer answer(boolean reused) {
            return new VerificationAnswer(report, at, reused, at.plus(forcedInterval));
        }
    }
}
