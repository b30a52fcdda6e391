package dev.fieldsync.app.health;

import dev.fieldsync.app.metrics.LastGatewayOutcome;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Readiness from the last gateway call's outcome; never calls the gateway (health must not spend budget).
 * Before the first call the gateway counts as up: nothing says otherwise yet.
 */
@Singleton
@Readiness
public class GatewayHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {
    private final LastGatewayOutcome lastOutcome;

    public GatewayHealthIndicator(LastGatewayOutcome lastOutcome) {
        this.lastOutcome = lastOutcome;
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        Map<String, Object> details = new LinkedHashMap<>();
        healthStatus = HealthStatus.UP;
        lastOutcome
                .last()
                .ifPresentOrElse(
                        call -> {
                            details.put("lastCall", call.route());
                            details.put("lastOutcome", call.outcome());
                            details.put("at", call.at().toString());
                            if (!call.healthy()) {
                                healthStatus = HealthStatus.DOWN;
                            }
                        },
                        () -> details.put("lastCall", "none yet"));
        return details;
    }

    @Override
    protected String getName() {
        return "gateway";
    }
}
