package dev.fieldsync.application.lookup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fieldsync.application.Scenario;
import dev.fieldsync.domain.lookup.LookupKind;
import dev.fieldsync.domain.problem.ProblemCode;
import dev.fieldsync.ports.in.lookup.RefreshAnswer;
import dev.fieldsync.ports.out.gateway.GatewayException;
import dev.fieldsync.ports.out.gateway.GatewayOperation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Refreshes a caller asks for: one per interval (default 1 minute), counted from the attempt. */
class RequestedRefreshTest {
    private final Scenario s = new Scenario(0);

    private long customerCalls() {
        return s.gateway().calls(GatewayOperation.lookup(LookupKind.CUSTOMERS));
    }

    @Test
    void aSecondRequestWithinTheIntervalAnswersTheFreshCatalogWithoutACall() {
        RefreshAnswer first = s.core().lookups().requestRefresh();
        s.advance(Duration.ofSeconds(59));
        RefreshAnswer second = s.core().lookups().requestRefresh();

        assertThat(first.refreshed()).isTrue();
        assertThat(second.refreshed()).isFalse();
        assertThat(second.catalog()).isEqualTo(first.catalog());
        assertThat(second.nextRefreshAllowedAt())
                .isEqualTo(first.catalog().fetchedAt().plus(Duration.ofMinutes(1)));
        assertThat(s.gateway().totalCalls()).isEqualTo(6);

        s.advance(Duration.ofSeconds(1));
        assertThat(s.core().lookups().requestRefresh().refreshed()).isTrue();
        assertThat(customerCalls()).isEqualTo(2);
    }

    @Test
    void concurrentRequestsShareOneRefreshAndAllAnswerItsCatalog() throws Exception {
        s.core().lookups().catalog();
        s.advance(Duration.ofMinutes(5));
        int threads = 16;
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService callers = Executors.newFixedThreadPool(threads);
        List<RefreshAnswer> answers = new ArrayList<>();
        try {
            List<Future<RefreshAnswer>> seen = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                seen.add(callers.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return s.core().lookups().requestRefresh();
                }));
            }
            for (Future<RefreshAnswer> answer : seen) {
                answers.add(answer.get(30, TimeUnit.SECONDS));
            }
        } finally {
            callers.shutdownNow();
        }
        assertThat(answers).filteredOn(RefreshAnswer::refreshed).hasSize(1);
        assertThat(answers)
                .allSatisfy(answer -> assertThat(answer.catalog().fetchedAt())
                        .isEqualTo(s.clock().instant()));
        assertThat(customerCalls()).isEqualTo(2);
    }

    @Test
    void aFailedRequestedRefreshWithACatalogIsNotTriedAgainWithinTheInterval() {
        s.core().lookups().catalog();
        s.advance(Duration.ofMinutes(5));
        s.gateway().failNextWithProblem(GatewayOperation.lookup(LookupKind.CUSTOMERS), 1, ProblemCode.INTERNAL);

        assertThatThrownBy(() -> s.core().lookups().requestRefresh()).isInstanceOf(GatewayException.class);
        RefreshAnswer after = s.core().lookups().requestRefresh();

        assertThat(after.refreshed()).isFalse();
        assertThat(customerCalls()).isEqualTo(2);
    }

    @Test
    void withNoCatalogAtAllEveryRequestTries() {
        s.gateway().failNextWithProblem(GatewayOperation.lookup(LookupKind.CUSTOMERS), 1, ProblemCode.INTERNAL);
        assertThatThrownBy(() -> s.core().lookups().requestRefresh()).isInstanceOf(GatewayException.class);

        assertThat(s.core().lookups().requestRefresh().refreshed()).isTrue();
        assertThat(customerCalls()).isEqualTo(2);
    }
}
