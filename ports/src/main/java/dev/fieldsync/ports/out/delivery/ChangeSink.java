package dev.fieldsync.ports.out.delivery;

import java.util.List;

/**
 * A consumer the change feed pushes to (a webhook endpoint, a message broker). The core decides what to send
 * and when to retry; a sink only hands deliveries over and says which the consumer confirmed.
 */
public interface ChangeSink {
    /**
     * Hands the batch over in order and answers one attempt per delivery tried, in the same order. After the
     * first attempt that failed no later delivery of the batch counts as delivered (so a job's changes never
     * overtake each other); those are either left out of the answer or answered as failed. A sink does not
     * throw for a consumer that is down or refuses: that is a failed attempt.
     */
    List<DeliveryAttempt> deliver(List<Delivery> batch);
}
