package dev.fieldsync.adapters.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldsync.ports.out.delivery.Delivery;
import dev.fieldsync.ports.out.delivery.DeliveryAttempt;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RecordingChangeSinkTest {
    private static Delivery change(long seq) {
        return new Delivery("default", "chg_" + seq, seq, "job.changed", Optional.of("j"), Instant.EPOCH, "{}");
    }

    @Test
    void aScriptedFailureStopsTheBatchThereAndLaterBatchesAreConfirmed() {
        RecordingChangeSink sink = new RecordingChangeSink();
        sink.failNext(1, 503);

        List<DeliveryAttempt> first = sink.deliver(List.of(change(1), change(2)));
        List<DeliveryAttempt> second = sink.deliver(List.of(change(1), change(2)));

        assertThat(first).singleElement().satisfies(a -> {
            assertThat(a.delivered()).isFalse();
            assertThat(a.status()).hasValue(503);
        });
        assertThat(second).allMatch(DeliveryAttempt::delivered);
        assertThat(sink.received()).extracting(Delivery::id).containsExactly("chg_1", "chg_2");
        assertThat(sink.attempts()).hasSize(3);
    }
}
