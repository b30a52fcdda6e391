package dev.fieldsync.app.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.domain.submission.SubmissionState;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The shared snapshot: one read for all integrations, and a slow read holds a caller up once, not each gauge. */
class IntegrationStatusesTest {
    private static final IntegrationId BETA = IntegrationId.of("beta");
    private static final IntegrationId GAMMA = IntegrationId.of("gamma");

    @Test
    void oneReadServesEveryIntegrationAndEveryCallerWithinASecond() {
        AtomicInteger reads = new AtomicInteger();
        IntegrationStatuses statuses = new IntegrationStatuses(
                (integrations, found, outboxes) -> {
                    reads.incrementAndGet();
                    integrations.forEach(id -> outboxes.put(id, Map.of(SubmissionState.PENDING, 1L + reads.get())));
                },
                2_000);
        statuses.served(Set.of(BETA, GAMMA), Set.of());
        assertThat(statuses.outbox(BETA)).containsEntry(SubmissionState.PENDING, 2L);
        assertThat(statuses.outbox(GAMMA)).containsEntry(SubmissionState.PENDING, 2L);
        assertThat(statuses.outbox(BETA)).containsEntry(SubmissionState.PENDING, 2L);
        assertThat(reads)
                .as("one read for both integrations and all three asks")
                .hasValue(1);
        statuses.close();
    }

    @Test
    void aReadSlowerThanTheWaitHoldsOneCallerUpForTheWaitAndTheOthersNotAtAll() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        IntegrationStatuses statuses = new IntegrationStatuses(
                (integrations, found, outboxes) -> {
                    try {
                        release.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    integrations.forEach(id -> outboxes.put(id, Map.of(SubmissionState.PENDING, 7L)));
                },
                200);
        statuses.served(Set.of(BETA), Set.of());
        long first = System.nanoTime();
        assertThat(statuses.outbox(BETA))
                .as("nothing read yet: empty, after the wait")
                .isEmpty();
        long firstMillis = (System.nanoTime() - first) / 1_000_000;
        long others = System.nanoTime();
        for (int i = 0; i < 50; i++) {
            assertThat(statuses.outbox(BETA)).isEmpty();
        }
        long othersMillis = (System.nanoTime() - others) / 1_000_000;
        assertThat(firstMillis).as("the first caller waited the wait").isGreaterThanOrEqualTo(190);
        assertThat(othersMillis)
                .as("50 more asks did not wait 200 ms each (that would be 10 s)")
                .isLessThan(5_000);
        release.countDown();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (statuses.outbox(BETA).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(statuses.outbox(BETA)).containsEntry(SubmissionState.PENDING, 7L);
        statuses.close();
    }
}
