package dev.fieldsync.app.health;

import dev.fieldsync.app.wiring.IntegrationRuntimes;
import dev.fieldsync.app.wiring.ServedIntegration;
import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.ports.in.sync.SyncStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The readiness details of the integrations other than the default one: for each one served here or with a problem,
 * whether it is stalled (and why), its last pass, its lag, its last error and its problem (a runtime that could not be
 * built, a key that cannot be read: the source is named, never a key). None of it changes the instance's status: one
 * customer's stalled sync or missing key must not take the instance out of the load balancer for all the others.
 */
final class IntegrationsHealth {
    /** The details by integration id, and the ids that need a look (stalled or with a problem). */
    record Report(Map<String, Map<String, Object>> integrations, List<String> needLook) {}

    private IntegrationsHealth() {}

    static Report of(IntegrationRuntimes runtimes, IntegrationStatuses statuses) {
        Map<String, Map<String, Object>> all = new TreeMap<>();
        IntegrationId defaultIntegration = runtimes.defaultIntegration();
        for (ServedIntegration served : runtimes.all()) {
            if (!served.id().equals(defaultIntegration)) {
                all.put(served.id().value(), details(served, runtimes.problem(served.id()), statuses));
            }
        }
        for (IntegrationId troubled : runtimes.troubled()) {
            if (!troubled.equals(defaultIntegration) && !all.containsKey(troubled.value())) {
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("served", false);
                runtimes.problem(troubled).ifPresent(problem -> details.put("problem", problem));
                all.put(troubled.value(), details);
            }
        }
        List<String> needLook = all.entrySet().stream()
                .filter(entry -> entry.getValue().containsKey("stalled")
                        || entry.getValue().containsKey("problem"))
                .map(Map.Entry::getKey)
                .toList();
        return new Report(all, needLook);
    }

    private static Map<String, Object> details(
            ServedIntegration served, Optional<String> problem, IntegrationStatuses statuses) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("served", true);
        details.put("leader", served.work().isLeader());
        details.put("running", served.work().isSyncRunning());
        served.work().lastPassStartedAt().ifPresent(at -> details.put("lastPassStartedAt", at.toString()));
        // From the shared snapshot (read for all integrations at once, a probe waiting at most 2 s for it): a probe
        // reading each integration's mirror itself took seconds while many first syncs ran.
        Optional<SyncStatus> read = statuses.status(served.id());
        read.ifPresent(status -> {
            details.put("mirroredJobs", status.mirroredJobs());
            status.lastCompletedTo().ifPresent(to -> details.put("lastCompletedTo", to.toString()));
            details.put(
                    "lagSeconds",
                    status.lag().<Object>map(lag -> lag.toSeconds()).orElse("no completed pass yet"));
            status.lastError().ifPresent(error -> details.put("lastError", error));
        });
        if (read.isEmpty()) {
            details.put("status", "not read yet: the statuses of all integrations are read together, once a second");
        }
        served.sync().stall().ifPresent(stall -> {
            details.put("stalled", stall.reason().name().toLowerCase(Locale.ROOT));
            details.put("stalledSince", stall.since().toString());
            details.put("reason", stall.message());
        });
        problem.ifPresent(text -> details.put("problem", text));
        return details;
    }
}
