package dev.fieldsync.adapters.memory;

import dev.fieldsync.ports.out.delivery.ChangeSink;
import dev.fieldsync.ports.out.delivery.Delivery;
import dev.fieldsync.ports.out.delivery.DeliveryAttempt;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * A consumer that confirms what it is handed and remembers it, in order; {@link #failNext} scripts refusals
 * (answered as failed attempts with a status, as a webhook endpoint would) for tests of retries and ordering.
 */
public final class RecordingChangeSink implements ChangeSink {
    private final List<Delivery> received = new ArrayList<>();
    private final List<DeliveryAttempt> attempts = new ArrayList<>();
    private int failuresLeft;
    private int failureStatus;

    @Override
    public synchronized List<DeliveryAttempt> deliver(List<Delivery> batch) {
        List<DeliveryAttempt> answer = new ArrayList<>(batch.size());
        for (Delivery delivery : batch) {
            if (failuresLeft > 0) {
                failuresLeft--;
                answer.add(DeliveryAttempt.failed(
                        delivery.id(), OptionalInt.of(failureStatus), "scripted failure", Duration.ZERO));
                break; // nothing after a failed delivery counts (the port's ordering rule)
            }
            received.add(delivery);
            answer.add(DeliveryAttempt.delivered(delivery.id(), OptionalInt.of(200), Duration.ZERO));
        }
        attempts.addAll(answer);
        return answer;
    }

    /** The next {@code count} deliveries fail with {@code status}. */
    public synchronized void failNext(int count, int status) {
        this.failuresLeft = count;
        this.failureStatus = status;
    }

    /** Every delivery confirmed, in the order it was confirmed (a redelivered one appears again). */
    public synchronized List<Delivery> received() {
        return List.copyOf(received);
    }

    /** Every attempt answered, in order. */
    public synchronized List<DeliveryAttempt> attempts() {
        return List.copyOf(attempts);
    }
}
