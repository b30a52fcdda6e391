package dev.fieldsync.app.scoping;

import dev.fieldsync.app.rest.CallerText;
import dev.fieldsync.app.rest.IntegrationScopes;
import dev.fieldsync.app.rest.Problem;
import dev.fieldsync.app.rest.ProblemException;
import dev.fieldsync.app.rest.ScopedIntegration;
import dev.fieldsync.app.wiring.IntegrationCores;
import dev.fieldsync.app.wiring.ServedIntegration;
import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.domain.integration.Integration;
import dev.fieldsync.domain.validation.Violation;
import dev.fieldsync.ports.in.integrations.IntegrationStatus;
import dev.fieldsync.ports.in.integrations.ManageIntegrations;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Resolves a call's integration through {@link IntegrationCores}; when it names none served here, the registry
 * ({@link ManageIntegrations}) says why: unknown (404), disabled, paused or otherwise not served by this process (409).
 */
@Singleton
public class ServedIntegrationScopes implements IntegrationScopes {
    private final IntegrationCores cores;
    private final ManageIntegrations registry;

    public ServedIntegrationScopes(IntegrationCores cores, ManageIntegrations registry) {
        this.cores = cores;
        this.registry = registry;
    }

    @Override
    public ScopedIntegration resolve(@Nullable String integration) {
        IntegrationId id = integration == null ? cores.defaultIntegration() : parse(integration);
        ServedIntegration served = cores.find(id).orElseThrow(() -> notServed(id));
        return new ScopedIntegration(
                served.id(),
                served.id().equals(cores.defaultIntegration()),
                served.core(),
                served.sync(),
                served.changes(),
                served.work(),
                served.webhookSecrets(),
                integration == null ? "/api" : "/api/integrations/" + id.value());
    }

    private static IntegrationId parse(String text) {
        try {
            return IntegrationId.of(text);
        } catch (IllegalArgumentException malformed) {
            throw ProblemException.invalid(
                    List.of(Violation.of(
                            "integration",
                            "integration-id",
                            "'" + CallerText.abbreviate(text) + "' is not an integration id: "
                                    + malformed.getMessage())),
                    "GET /api/integrations lists the integrations and their ids.");
        }
    }

    private ProblemException notServed(IntegrationId id) {
        Integration registered = registry.find(id)
                .map(IntegrationStatus::integration)
                .orElseThrow(() -> new ProblemException(Problem.of(
                                404,
                                "unknown-integration",
                                "No integration '" + id.value() + "'",
                                "No integration with this id is registered.")
                        .withHint("GET /api/integrations lists them; POST /api/integrations registers one.")));
        String detail;
        String hint;
        if (!registered.enabled()) {
            detail = "The integration is disabled (enabled=false): no core runs for it, so nothing answers for it.";
            hint = "Enable it (PATCH /api/integrations/" + id.value() + " with {\"enabled\": true}, or"
                    + " fieldsync.integrations." + id.value() + ".enabled=true where it is configured).";
        } else if (registered.paused()) {
            detail = "The integration is paused and this process runs no core for it.";
            hint = "Resume it: POST /api/integrations/" + id.value() + "/resume.";
        } else {
            detail = "The integration is registered, but no core of this process serves it (it may be starting, its"
                    + " key may be unreadable, or another service runs it).";
            hint = "GET /api/integrations/" + id.value() + " shows its state and error; call the service that serves"
                    + " it.";
        }
        return new ProblemException(Problem.of(
                        409,
                        "integration-not-served",
                        "This process serves no integration '" + id.value() + "'",
                        detail)
                .withHint(hint));
    }

    @Override
    public java.util.Optional<String> problem(IntegrationId integration) {
        return cores.problem(integration);
    }
}
