package dev.fieldsync.app.metrics;

import dev.fieldsync.app.config.FieldsyncSettings;
import dev.fieldsync.app.scheduling.ServedIntegrationsListener;
import dev.fieldsync.domain.id.IntegrationId;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link RequestHistory} of each integration this process serves, as each has its own budget: its metered gateway
 * and budget record into it (the default integration's through {@code CoreFactory}, another's through its runtime),
 * the console's budget page of that integration draws it. An integration no longer served is forgotten
 * ({@link #served}), so a resumed or rebuilt one starts an empty hour, as a restart does.
 */
@Singleton
public class RequestHistories implements ServedIntegrationsListener {
    private final Clock clock;
    private final IntegrationId defaultIntegration;
    private final Map<IntegrationId, RequestHistory> histories = new ConcurrentHashMap<>();

    public RequestHistories(Clock clock, FieldsyncSettings settings) {
        this.clock = clock;
        this.defaultIntegration = settings.integration();
    }

    /** The integration's history, started empty the first time it is asked for. */
    public RequestHistory of(IntegrationId integration) {
        return histories.computeIfAbsent(integration, id -> new RequestHistory(clock));
    }

    @Override
    public void served(Set<IntegrationId> served, Set<IntegrationId> troubled) {
        histories.keySet().removeIf(id -> !id.equals(defaultIntegration) && !served.contains(id));
    }
}
