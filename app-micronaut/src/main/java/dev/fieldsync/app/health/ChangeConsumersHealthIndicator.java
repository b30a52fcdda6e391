package dev.fieldsync.app.health;

import dev.fieldsync.app.config.FieldsyncSettings;
import dev.fieldsync.app.delivery.ConsumerOperations;
import dev.fieldsync.app.delivery.ConsumerStatus;
import dev.fieldsync.app.scheduling.ServedIntegrationsListener;
import dev.fieldsync.domain.id.IntegrationId;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The change feed's consumers as a readiness warning: a consumer that is paused, or lags more than
 * {@code fieldsync.changes.delivery.max-lag}, keeps the service UP (it serves; a receiver needs attention) and is
 * named with what to do. One entry per (integration, consumer) pair: the default integration's consumers by name at
 * the top (as with one integration), every other served integration's under {@code integrations.<id>.<consumer>}.
 * Reads the database only.
 */
@Singleton
@Readiness
public class ChangeConsumersHealthIndicator extends AbstractHealthIndicator<Map<String, Object>>
        implements ServedIntegrationsListener {
    private final ConsumerOperations consumers;
    private final Duration maxLag;
    /** The other integrations this process serves now, in id order (told by the runtimes' reconcile). */
    private volatile List<IntegrationId> others = List.of();

    public ChangeConsumersHealthIndicator(ConsumerOperations consumers, FieldsyncSettings settings) {
        this.consumers = consumers;
        this.maxLag = settings.changeDelivery().maxLag();
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        Map<String, Object> details = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        Map<String, Object> integrations = new LinkedHashMap<>();
        List<IntegrationId> served = new ArrayList<>();
        served.add(consumers.integration());
        served.addAll(others);
        for (IntegrationId integration : served) {
            ConsumerOperations operations = consumers.of(integration);
            Map<String, Object> pairs = operations.isDefault() ? details : new LinkedHashMap<>();
            for (ConsumerStatus status : operations.all()) {
                pairs.put(status.name(), entry(status));
                status.warning(maxLag).ifPresent(warnings::add);
            }
            if (!operations.isDefault() && !pairs.isEmpty()) {
                integrations.put(integration.value(), pairs);
            }
        }
        if (!integrations.isEmpty()) {
            details.put("integrations", integrations);
        }
        if (!warnings.isEmpty()) {
            details.put("warning", String.join("; ", warnings));
        }
        healthStatus = HealthStatus.UP;
        return details;
    }

    @Override
    public void served(Set<IntegrationId> served, Set<IntegrationId> troubled) {
        others = served.stream()
                .filter(id -> !id.equals(consumers.integration()))
                .sorted(Comparator.comparing(IntegrationId::value))
                .toList();
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
