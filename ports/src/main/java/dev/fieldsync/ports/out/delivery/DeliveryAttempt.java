package dev.fieldsync.ports.out.delivery;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * What one attempt to hand a {@link Delivery} to a consumer came to: {@code delivered} only when the consumer
 * confirmed it (a 2xx answer, a broker's publisher confirm); {@code status} the HTTP status where there was
 * one; {@code detail} a short reason for the delivery log (never a secret); {@code latency} from the start of
 * the attempt to its answer.
 */
public record DeliveryAttempt(
        String deliveryId, boolean delivered, OptionalInt status, String detail, Duration latency) {
    public DeliveryAttempt {
        Objects.requireNonNull(deliveryId, "deliveryId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(latency, "latency");
    }

    public static DeliveryAttempt delivered(String deliveryId, OptionalInt status, Duration latency) {
        return new DeliveryAttempt(deliveryId, true, status, "delivered", latency);
    }

    public static DeliveryAttempt failed(String deliveryId, OptionalInt status, String detail, Duration latency) {
        return new DeliveryAttempt(deliveryId, false, status, detail, latency);
    }
}
