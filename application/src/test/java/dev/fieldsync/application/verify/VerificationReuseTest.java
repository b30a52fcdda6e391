package dev.fieldsync.application.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldsync.application.Scenario;
import dev.fieldsync.ports.in.verify.RequestVerification;
import dev.fieldsync.ports.in.verify.VerificationAnswer;
import dev.fieldsync.ports.in.verify.VerifyOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The checklist for a caller: reused for 5 minutes, force at most once a minute (the defaults). */
class VerificationReuseTest {
    private final Scenario s = new Scenario(20);
    private final RequestVerification verification = s.core().requestVerification();

    @Test
    void aRecentReportIsAnsweredAgainWithoutARequest() {
        VerificationAnswer first = verification.verify(VerifyOptions.readOnly(), false);
        s.advance(Duration.ofMinutes(4));
        VerificationAnswer second = verification.verify(VerifyOptions.readOnly(), false);

        assertThat(first.reused()).isFalse();
        assertThat(second.reused()).isTrue();
        assertThat(second.report()).isEqualTo(first.report());
        assertThat(second.ranAt()).isEqualTo(first.ranAt());
        assertThat(s.gateway().totalCalls()).isEqualTo(9);

        s.advance(Duration.ofMinutes(1));
        assertThat(verification.verify(VerifyOptions.readOnly(), false).reused())
                .isFalse();
        assertThat(s.gateway().totalCalls()).isEqualTo(18);
    }

    @Test
    void forceRunsAnewButAtMostOncePerInterval() {
        verification.verify(VerifyOptions.readOnly(), false);
        s.advance(Duration.ofSeconds(30));
        VerificationAnswer capped = verification.verify(VerifyOptions.readOnly(), true);
        assertThat(capped.reused()).isTrue();
        assertThat(capped.forceAllowedAt()).isEqualTo(capped.ranAt().plus(Duration.ofMinutes(1)));
        assertThat(s.gateway().totalCalls()).isEqualTo(9);

        s.advance(Duration.ofSeconds(30));
        VerificationAnswer forced = verification.verify(VerifyOptions.readOnly(), true);
        assertThat(forced.reused()).isFalse();
        assertThat(forced.ranAt()).isEqualTo(s.clock().instant());
        assertThat(verification.verify(VerifyOptions.readOnly(), true).reused()).isTrue();
        assertThat(s.gateway().totalCalls()).isEqualTo(18);
    }

    @Test
    void aBurstOfCallersSharesOneRun() throws Exception {
        int threads = 16;
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService callers = Executors.newFixedThreadPool(threads);
        List<VerificationAnswer> answers = new ArrayList<>();
        try {
            List<Future<VerificationAnswer>> seen = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                boolean force = i % 2 == 0;
                seen.add(callers.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return verification.verify(VerifyOptions.readOnly(), force);
                }));
            }
            for (Future<VerificationAnswer> answer : seen) {
                answers.add(answer.get(30, TimeUnit.SECONDS));
            }
        } finally {
            callers.shutdownNow();
        }
        assertThat(answers).filteredOn(answer -> !answer.reused()).hasSize(1);
        assertThat(s.gateway().totalCalls()).isEqualTo(9);
    }
}
