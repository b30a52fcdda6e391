package dev.fieldsync.adapters.memory;

import static dev.fieldsync.adapters.memory.Fixtures.ACME;
import static dev.fieldsync.adapters.memory.Fixtures.OTHER;
import static dev.fieldsync.adapters.memory.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.domain.id.JobId;
import dev.fieldsync.domain.webhook.WebhookEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class InMemoryWebhookEventsTest {
    private final InMemoryWebhookEvents events = new InMemoryWebhookEvents();

    private static WebhookEvent event(IntegrationId integration, String id, Instant occurredAt) {
        return new WebhookEvent(
                integration,
                id,
                WebhookEvent.JOB_STATUS_CHANGED,
                occurredAt,
                Optional.of(JobId.of("1")),
                Optional.of("scheduled"),
                Optional.of("pending"),
                occurredAt.plusSeconds(1),
                "{}");
    }

    @Test
    void acceptsAnEventIdOncePerIntegration() {
        assertThat(events.accept(event(ACME, "evt_1", T0))).isTrue();
        assertThat(events.accept(event(ACME, "evt_1", T0.plusSeconds(5)))).isFalse();
        assertThat(events.accept(event(OTHER, "evt_1", T0))).isTrue();
        assertThat(events.unprocessed(ACME, 10)).hasSize(1);
        assertThat(events.duplicates()).isEqualTo(1);
    }

    @Test
    void aDuplicateIsRefusedEvenAfterProcessing() {
        events.accept(event(ACME, "evt_1", T0));
        events.markProcessed(ACME, "evt_1", T0.plusSeconds(2));
        assertThat(events.accept(event(ACME, "evt_1", T0))).isFalse();
        assertThat(events.unprocessed(ACME, 10)).isEmpty();
    }

    @Test
    void concurrentRedeliveriesAreAcceptedExactlyOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                results.add(pool.submit(() -> {
                    int accepted = 0;
                    for (int i = 0; i < 500; i++) {
                        accepted += events.accept(event(ACME, "evt_" + i, T0)) ? 1 : 0;
                    }
                    return accepted;
                }));
            }
            int total = 0;
            for (Future<Integer> result : results) {
                total += result.get();
            }
            assertThat(total).isEqualTo(500);
        } finally {
            pool.shutdownNow();
        }
        assertThat(events.all(ACME)).hasSize(500);
        assertThat(events.duplicates()).isEqualTo(1500);
    }

    @Test
    void unprocessedIsOldestFirstAndBounded() {
        events.accept(event(ACME, "evt_b", T0.plusSeconds(10)));
        events.accept(event(ACME, "evt_a", T0));
        events.accept(event(ACME, "evt_c", T0.plusSeconds(10)));
        assertThat(events.unprocessed(ACME, 10))
                .extracting(WebhookEvent::eventId)
                .containsExactly("evt_a", "evt_b", "evt_c");
        assertThat(events.unprocessed(ACME, 2))
                .extracting(WebhookEvent::eventId)
                .containsExactly("evt_a", "evt_b");
    }

    @Test
    void processedAndFailedEventsLeaveTheQueueAndKeepTheirOutcome() {
        events.accept(event(ACME, "evt_1", T0));
        events.accept(event(ACME, "evt_2", T0));
        events.accept(event(ACME, "evt_3", T0));
        events.markProcessed(ACME, "evt_1", T0.plusSeconds(1));
        events.markFailed(ACME, "evt_2", "job 1 not mirrored", T0.plusSeconds(2));
        assertThat(events.unprocessed(ACME, 10))
                .extracting(WebhookEvent::eventId)
                .containsExactly("evt_3");
        assertThat(events.find(ACME, "evt_1").orElseThrow().processedAt()).contains(T0.plusSeconds(1));
        InMemoryWebhookEvents.StoredEvent failed = events.find(ACME, "evt_2").orElseThrow();
        assertThat(failed.error()).contains("job 1 not mirrored");
        assertThat(failed.failedAt()).contains(T0.plusSeconds(2));
    }

    @Test
    void markingAnUnknownEventFailsClearly() {
        assertThatThrownBy(() -> events.markProcessed(ACME, "evt_x", T0))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("accept() it first");
    }
}
