package dev.fieldsync.app.health;

import dev.fieldsync.app.config.FieldsyncSettings;
import dev.fieldsync.app.delivery.ConsumerOperations;
import dev.fieldsync.app.delivery.ConsumerStatus;
import dev.fieldsync.domain.id.IntegrationId;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The change feed's consumers as a readiness warning: a consumer that is paused, or lags more than
 * {@code fieldsync.changes.delivery.max-lag}, keeps the service UP (it serves; a receiver needs attention) and is
 * named with what to do. One entry per (integration, consumer) pair: the default integration's consumers by name at
 * the top (as with one integration), every other served integration's under {@code integrations.<id>.<consumer>}.
 * Reads the database only.
 */
@Singleton
@Readiness
public class ChangeConsumersHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {
    private final ConsumerOperations consumers;
    private final Duration maxLag;

    public ChangeConsumersHealthIndicator(ConsumerOperations consumers, FieldsyncSettings settings) {
        this.consumers = consumers;
        this.maxLag = settings.changeDelivery().maxLag();
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        Map<String, Object> details = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        Map<String, Object> others = new LinkedHashMap<>();
        for (IntegrationId integration : consumers.servedIntegrations()) {
            ConsumerOperations operations = consumers.of(integration);
            Map<String, Object> pairs = operations.isDefault() ? details : new LinkedHashMap<>();
            for (ConsumerStatus status : operations.all()) {
                pairs.put(status.name(), entry(status));
                status.warning(maxLag).ifPresent(warnings::add);
            }
            if (!operations.isDefault() && !pairs.isEmpty()) {
                others.put(integration.value(), pairs);
            }
        }
        if (!others.isEmpty()) {
            details.put("integrations", others);
        }
        if (!warnings.isEmpty()) {
            details.put("warning", String.join("; ", warnings));
        }
        healthStatus = HealthStatus.UP;
        return details;
    }

    private static Map<String, Object> entry(ConsumerStatus status) {
        Map<String, Object> one = new LinkedHashMap<>();
        one.put("lagChanges", status.lag().changes());
        one.put("lagSeconds", status.lag().age().toSeconds());
        one.put("paused", status.state().paused());
        one.put("deadLetters", status.deadLetters().size());
        return one;
    }

    @Override
    protected String getName() {
        return "changeConsumers";
    }
}
