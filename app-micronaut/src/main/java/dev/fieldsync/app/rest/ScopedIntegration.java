package dev.fieldsync.app.rest;

import dev.fieldsync.app.wiring.IntegrationCores;
import dev.fieldsync.app.wiring.ServedIntegration;
import dev.fieldsync.application.FieldsyncCore;
import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.domain.integration.Integration;
import dev.fieldsync.domain.validation.Violation;
import dev.fieldsync.ports.in.integrations.ManageIntegrations;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Which integration a call is for: the one named by {@code /api/integrations/{integration}/...}, or the default one
 * for today's unscoped paths ({@code /api/jobs}). Every resource controller answers both through {@link #resolve}, so
 * one method serves both paths; an id that names nothing this process serves gets a problem document saying why.
 */
@Singleton
public class ScopedIntegration {
    /** The scoped twin of a resource path under {@code /api}: {@code /api} + SCOPE + {@code /jobs}. */
    public static final String SCOPE = "/integrations/{integration}";

    private final IntegrationCores cores;
    private final ManageIntegrations registry;

    public ScopedIntegration(IntegrationCores cores, ManageIntegrations registry) {
        this.cores = cores;
        this.registry = registry;
    }

    /** One call's integration and the API base its links are written under. */
    public record Resolved(ServedIntegration served, String apiBase) {
        public FieldsyncCore core() {
            return served.core();
        }

        /** A link to {@code rest} (e.g. {@code /submissions/7}) under the path the call came in on. */
        public String path(String rest) {
            return apiBase + rest;
        }
    }

    /**
     * The integration of the path variable, the default one when absent.
     *
     * @throws ProblemException 400 for a malformed id, 404 {@code unknown-integration}, 409
     *     {@code integration-not-served} (disabled, or registered but not served by this process)
     */
    public Resolved resolve(@Nullable String integration) {
        if (integration == null) {
            IntegrationId id = cores.defaultIntegration();
            return new Resolved(cores.find(id).orElseThrow(() -> notServed(id)), "/api");
        }
        IntegrationId id = parse(integration);
        return new Resolved(cores.find(id).orElseThrow(() -> notServed(id)), "/api/integrations/" + id.value());
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
                .map(status -> status.integration())
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
}
